package io.alloyflow.core.io;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Reads and writes SEM micrographs as TIFF (TIFF 6.0, Adobe 1992) or PNG (ISO/IEC 15948:2004),
 * and reads JPEG (ITU-T T.81) and BMP as well ({@link ImageIoCodec}; no pixel size in those).
 * The format is recognised by its signature bytes, not by the file name.
 *
 * <p>Pixel size is taken from, in this order: the {@code alloyflow pixelSizeM=... signal=...}
 * ImageDescription this class writes; the FEI/Thermo Fisher text block ({@code [Scan]
 * PixelWidth=} in metres; TIFF tag 34682/34680, or found as ASCII anywhere in the file); the Zeiss
 * SmartSEM tag 34118 ({@code AP_PIXEL_SIZE} / {@code Pixel Size = 12.3 nm}); TIFF XResolution and
 * ResolutionUnit (tags 282/296, centimetre or inch; unit "none" and the 72/96 dpi screen defaults
 * are not physical sizes) or the PNG {@code pHYs} chunk (same 72/96 dpi rule); else the caller's
 * fallback; else NaN. The signal type comes from the same sources (FEI {@code [Detectors] Name},
 * Zeiss {@code Signal A}).
 */
public final class MicrographIO {
  private MicrographIO() {}

  private static final double INCH_M = 0.0254;

  /** What a micrograph file must start with. */
  static final String SIGNATURES =
      "a TIFF ('II'/'MM'), PNG, JPEG (FF D8 FF) or BMP ('BM') signature";

  /*
   * Overloads without a ReadLimits argument apply ReadLimits.DEFAULT but no minimum image side
   * (tests and tools read small hand-made images through them); the overloads taking ReadLimits,
   * meant for user input, also require ReadLimits.MIN_IMAGE_SIDE.
   */

  /** Reads a single-channel TIFF or PNG; pixel size NaN when the file does not carry one. */
  public static Micrograph read(Path file) throws IOException {
    return read(file, Double.NaN);
  }

  /**
   * Reads a single-channel TIFF or PNG.
   *
   * @param fallbackPixelSizeM pixel size used only when the file carries none (NaN for none)
   * @throws FormatException for malformed files and for colour images ("expected a
   *     single-channel (grayscale) image, found 3 channels"; use {@link #readLuminance})
   */
  public static Micrograph read(Path file, double fallbackPixelSizeM) throws IOException {
    return read(file, fallbackPixelSizeM, ReadLimits.DEFAULT, false);
  }

  /**
   * Reads a single-channel TIFF or PNG given by a user, within {@code limits}: the file size is
   * checked before it is read, the declared image size (within the limits and at least {@link
   * ReadLimits#MIN_IMAGE_SIDE} on each side) before any pixel buffer is allocated.
   *
   * @throws IllegalArgumentException when the fallback pixel size is neither NaN nor a positive
   *     finite length
   */
  public static Micrograph read(Path file, double fallbackPixelSizeM, ReadLimits limits)
      throws IOException {
    return read(file, fallbackPixelSizeM, limits, true);
  }

  private static Micrograph read(Path file, double fallbackPixelSizeM, ReadLimits limits,
      boolean minimumSide) throws IOException {
    checkFallback(fallbackPixelSizeM);
    probe(file, limits, minimumSide); // declared size checked before the file is read
    byte[] bytes = readFile(file, limits);
    RasterImage r = decode(file, bytes, fallbackPixelSizeM, limits, minimumSide);
    if (r.channels() != 1) {
      String loc = PngCodec.isPng(bytes) ? "byte offset 25 (PNG colour type)"
          : "tag 277 (SamplesPerPixel)";
      throw new FormatException(file, loc, "a single-channel (grayscale) image",
          r.channels() + " channels (read it with MicrographIO.readLuminance)");
    }
    return new Micrograph(r.width(), r.height(), r.samples(), bitDepth(r), r.pixelSizeM(),
        r.signal());
  }

  /** Reads any TIFF/PNG and converts colour to luminance (see {@link #readLuminance(Path, double)}). */
  public static Micrograph readLuminance(Path file) throws IOException {
    return readLuminance(file, Double.NaN);
  }

  /**
   * Reads any TIFF/PNG: gray images as {@link #read}, gray + alpha without the alpha channel, RGB
   * and RGBA as luma Y' = 0.299 R + 0.587 G + 0.114 B (ITU-R Recommendation BT.601-7, 2011),
   * keeping the sample bit depth.
   */
  public static Micrograph readLuminance(Path file, double fallbackPixelSizeM) throws IOException {
    return readLuminance(file, fallbackPixelSizeM, ReadLimits.DEFAULT, false);
  }

  /** {@link #readLuminance(Path, double)} within {@code limits} (see {@link #read(Path, double,
   * ReadLimits)}). */
  public static Micrograph readLuminance(Path file, double fallbackPixelSizeM, ReadLimits limits)
      throws IOException {
    return readLuminance(file, fallbackPixelSizeM, limits, true);
  }

  private static Micrograph readLuminance(Path file, double fallbackPixelSizeM,
      ReadLimits limits, boolean minimumSide) throws IOException {
    checkFallback(fallbackPixelSizeM);
    probe(file, limits, minimumSide);
    RasterImage r = decode(file, readFile(file, limits), fallbackPixelSizeM, limits, minimumSide);
    int n = r.width() * r.height();
    float[] out = new float[n];
    int c = r.channels();
    float[] s = r.samples();
    for (int i = 0; i < n; i++) {
      int b = i * c;
      out[i] = c < 3 ? s[b] : (float) (0.299 * s[b] + 0.587 * s[b + 1] + 0.114 * s[b + 2]);
    }
    return new Micrograph(r.width(), r.height(), out, bitDepth(r), r.pixelSizeM(), r.signal());
  }

  /** Reads the raw samples of every channel (for colour annotation masks and the like). */
  public static RasterImage readRaster(Path file) throws IOException {
    return readRaster(file, Double.NaN);
  }

  /** Reads the raw samples of every channel, with a fallback pixel size. */
  public static RasterImage readRaster(Path file, double fallbackPixelSizeM) throws IOException {
    return readRaster(file, fallbackPixelSizeM, ReadLimits.DEFAULT);
  }

  /**
   * Reads the raw samples of every channel within {@code limits} (file size checked before
   * reading, declared size before decoding; no minimum size, as masks may be small).
   */
  public static RasterImage readRaster(Path file, double fallbackPixelSizeM, ReadLimits limits)
      throws IOException {
    checkFallback(fallbackPixelSizeM);
    probe(file, limits, false);
    return decode(file, readFile(file, limits), fallbackPixelSizeM, limits, false);
  }

  /**
   * Decodes a TIFF or PNG held in memory (an upload) within {@code limits}.
   *
   * @param name a name for error messages
   */
  public static RasterImage decodeRaster(byte[] bytes, String name, ReadLimits limits)
      throws FormatException {
    Path src = ReadLimits.sourceName(name, "image-content");
    limits.checkFileSize(src, bytes.length);
    return decode(src, bytes, Double.NaN, limits, false);
  }

  /**
   * Reads only the header of a TIFF or PNG file (TIFF: the first IFD and its tag values, through
   * a read-only memory map; PNG: the chunks before the first IDAT), within {@link
   * ReadLimits#DEFAULT}.
   *
   * @throws FormatException for a file that is not a TIFF/PNG, a malformed header, or a declared
   *     size outside the limits or below {@link ReadLimits#MIN_IMAGE_SIDE}
   */
  public static ImageHeader probe(Path file) throws IOException {
    return probe(file, ReadLimits.DEFAULT);
  }

  /** {@link #probe(Path)} with explicit limits. */
  public static ImageHeader probe(Path file, ReadLimits limits) throws IOException {
    return probe(file, limits, true);
  }

  private static ImageHeader probe(Path file, ReadLimits limits, boolean minimumSide)
      throws IOException {
    checkRegular(file);
    long size = Files.size(file);
    limits.checkFileSize(file, size);
    if (size == 0) {
      throw new FormatException(file, "byte offset 0", "a TIFF or PNG image", "an empty file");
    }
    byte[] head = new byte[8];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      int got = ch.read(ByteBuffer.wrap(head), 0);
      if (got >= 8 && PngCodec.isPng(head)) {
        return probePng(file, pngPrefix(file, ch, size), limits, minimumSide);
      }
      if (got >= 3 && (ImageIoCodec.isJpeg(head) || ImageIoCodec.isBmp(head))) {
        return ImageIoCodec.probe(file, readFile(file, limits), limits, minimumSide);
      }
      if (got >= 2 && isTiffMark(head)) {
        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0,
            Math.min(size, Integer.MAX_VALUE));
        return probeTiff(file, map, limits, minimumSide);
      }
      throw new FormatException(file, "byte offset 0", SIGNATURES, "other bytes");
    }
  }

  /** {@link #probe(Path)} of an image held in memory. */
  public static ImageHeader probe(byte[] bytes, String name, ReadLimits limits)
      throws FormatException {
    Path src = ReadLimits.sourceName(name, "image-content");
    limits.checkFileSize(src, bytes.length);
    if (PngCodec.isPng(bytes)) {
      return probePng(src, bytes, limits, true);
    }
    if (bytes.length >= 2 && isTiffMark(bytes)) {
      return probeTiff(src, ByteBuffer.wrap(bytes), limits, true);
    }
    if (ImageIoCodec.isJpeg(bytes) || ImageIoCodec.isBmp(bytes)) {
      return ImageIoCodec.probe(src, bytes, limits, true);
    }
    throw new FormatException(src, "byte offset 0", SIGNATURES,
        bytes.length == 0 ? "an empty file" : "other bytes");
  }

  /** {@link #probe(byte[], String, ReadLimits)} with the default limits. */
  public static ImageHeader probe(byte[] bytes) throws FormatException {
    return probe(bytes, "image-content", ReadLimits.DEFAULT);
  }

  static boolean isTiffMark(byte[] b) {
    return (b[0] == 'I' && b[1] == 'I') || (b[0] == 'M' && b[1] == 'M');
  }

  /** Most bytes of PNG chunks before the first IDAT that a probe reads. */
  private static final int PNG_PREFIX_LIMIT = 16 << 20;

  /** The PNG bytes up to and including the header of the first IDAT chunk. */
  private static byte[] pngPrefix(Path file, FileChannel ch, long size) throws IOException {
    long pos = 8;
    ByteBuffer hdr = ByteBuffer.allocate(8);
    while (true) {
      hdr.clear();
      if (pos + 8 > size || ch.read(hdr, pos) < 8) {
        throw new FormatException(file, "byte offset " + pos, "a PNG chunk header (8 bytes)",
            "the file ends at byte " + size);
      }
      long len = hdr.getInt(0) & 0xffffffffL;
      boolean idat = hdr.get(4) == 'I' && hdr.get(5) == 'D' && hdr.get(6) == 'A'
          && hdr.get(7) == 'T';
      long end = idat ? pos + 8 : pos + 12 + len;
      if (end > PNG_PREFIX_LIMIT) {
        throw new FormatException(file, "byte offset " + pos,
            "the first IDAT chunk within " + PNG_PREFIX_LIMIT + " bytes", "none by then");
      }
      if (end > size) {
        throw new FormatException(file, "byte offset " + pos,
            "a chunk of " + len + " bytes + CRC inside the file", "the file ends at byte " + size);
      }
      if (idat || (hdr.get(4) == 'I' && hdr.get(5) == 'E' && hdr.get(6) == 'N')) {
        ByteBuffer all = ByteBuffer.allocate((int) end);
        ch.read(all, 0);
        return all.array();
      }
      pos = end;
    }
  }

  private static ImageHeader probePng(Path file, byte[] prefix, ReadLimits limits,
      boolean minimumSide) throws FormatException {
    PngCodec.Info info = PngCodec.inspect(file, prefix, limits, true);
    if (minimumSide) {
      ReadLimits.checkMinimumSide(file, "byte offset 16 (IHDR)", info.width(), info.height());
    }
    SemMetadata.Found found = SemMetadata.Found.NONE;
    for (String t : info.texts().values()) {
      SemMetadata.Found f = SemMetadata.alloyflow(t);
      if (!Double.isNaN(f.pixelSizeM()) || f.signal() != null) {
        found = f;
        break;
      }
    }
    double px = found.pixelSizeM();
    if (Double.isNaN(px)) {
      px = fromPhys(info.pixelsPerMetre());
    }
    return new ImageHeader("png", info.width(), info.height(), PngCodec.channels(info.colorType()),
        info.colorType() == 3 ? 8 : info.bitDepth() == 16 ? 16 : 8, false, sane(px),
        found.signal() == null ? SignalType.OTHER : found.signal());
  }

  private static ImageHeader probeTiff(Path file, ByteBuffer buf, ReadLimits limits,
      boolean minimumSide) throws FormatException {
    TiffCodec.Decoded d = TiffCodec.probe(file, buf, limits);
    if (minimumSide) {
      ReadLimits.checkMinimumSide(file, "tags 256, 257", d.width(), d.height());
    }
    SemMetadata.Found m = tiffMetadata(d, null);
    double px = m.pixelSizeM();
    if (Double.isNaN(px)) {
      px = fromResolution(d.xResolution(), d.resolutionUnit());
    }
    return new ImageHeader("tiff", d.width(), d.height(), d.channels(), d.bits(), d.floating(),
        sane(px), m.signal() == null ? SignalType.OTHER : m.signal());
  }

  private static void checkRegular(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new FormatException(file, "file", "a regular file",
          Files.isDirectory(file) ? "a directory" : "a device, pipe or socket");
    }
    if (!Files.exists(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
  }

  /** Reads a whole regular file after checking its size against the limits. */
  static byte[] readFile(Path file, ReadLimits limits) throws IOException {
    checkRegular(file);
    limits.checkFileSize(file, Files.size(file));
    byte[] b = Files.readAllBytes(file);
    limits.checkFileSize(file, b.length); // grew while being read
    return b;
  }

  private static void checkFallback(double px) {
    if (!Double.isNaN(px) && !(px > 0 && Double.isFinite(px))) {
      throw new IllegalArgumentException(
          "fallback pixel size must be a positive length in metres or NaN (none), found " + px);
    }
  }

  /** A metadata pixel size that is not a positive finite length counts as unknown. */
  private static double sane(double px) {
    return px > 0 && Double.isFinite(px) ? px : Double.NaN;
  }

  private static double fromPhys(double ppm) {
    if (Double.isNaN(ppm)) {
      return Double.NaN;
    }
    // pHYs: 72 dpi = 2835 px/m and 96 dpi = 3780 px/m are screen defaults
    long r = Math.round(ppm);
    return r == 2835 || r == 3780 ? Double.NaN : 1.0 / ppm;
  }

  private static int bitDepth(RasterImage r) {
    if (r.floatingPoint() || r.bitsPerSample() > 16) {
      return 32;
    }
    return r.bitsPerSample() <= 8 ? 8 : 16;
  }

  private static RasterImage decode(
      Path file, byte[] bytes, double fallback, ReadLimits limits, boolean micrograph)
      throws FormatException {
    if (micrograph) {
      ImageHeader h = probe(bytes, file.toString(), limits);
      ReadLimits.checkMinimumSide(file, "image header", h.width(), h.height());
    }
    if (bytes.length == 0) {
      throw new FormatException(file, "byte offset 0", "a TIFF or PNG image", "an empty file");
    }
    if (PngCodec.isPng(bytes)) {
      return decodePng(file, bytes, fallback, limits);
    }
    if (bytes.length >= 2 && isTiffMark(bytes)) {
      return decodeTiff(file, bytes, fallback, limits);
    }
    if (ImageIoCodec.isJpeg(bytes) || ImageIoCodec.isBmp(bytes)) {
      return ImageIoCodec.decode(file, bytes, fallback, limits);
    }
    throw new FormatException(file, "byte offset 0", SIGNATURES, String.format("0x%02x%02x",
            bytes[0] & 0xff, bytes.length > 1 ? bytes[1] & 0xff : 0));
  }

  private static RasterImage decodeTiff(Path file, byte[] bytes, double fallback,
      ReadLimits limits) throws FormatException {
    TiffCodec.Decoded d = TiffCodec.decode(file, bytes, limits);
    SemMetadata.Found m = tiffMetadata(d, bytes);
    double px = m.pixelSizeM();
    if (Double.isNaN(px)) {
      px = sane(fromResolution(d.xResolution(), d.resolutionUnit()));
    }
    if (Double.isNaN(px)) {
      px = fallback;
    }
    return new RasterImage(d.width(), d.height(), d.channels(), d.bits(), d.floating(),
        d.samples(), px, m.signal() == null ? SignalType.OTHER : m.signal());
  }

  /** Pixel size and signal from the TIFF text tags (and the FEI block anywhere when bytes given). */
  private static SemMetadata.Found tiffMetadata(TiffCodec.Decoded d, byte[] bytes) {
    SemMetadata.Found[] sources = {
      SemMetadata.alloyflow(d.texts().get(TiffCodec.TAG_DESCRIPTION)),
      SemMetadata.fei(d.texts().get(TiffCodec.TAG_FEI_HELIOS)),
      SemMetadata.fei(d.texts().get(TiffCodec.TAG_FEI_SFEG)),
      bytes == null ? SemMetadata.Found.NONE : SemMetadata.feiAnywhere(bytes),
      SemMetadata.zeiss(d.texts().get(TiffCodec.TAG_ZEISS_SEM)),
    };
    double px = Double.NaN;
    SignalType signal = null;
    for (SemMetadata.Found f : sources) {
      if (Double.isNaN(px) && !Double.isNaN(sane(f.pixelSizeM()))) {
        px = f.pixelSizeM();
      }
      if (signal == null && f.signal() != null) {
        signal = f.signal();
      }
    }
    return new SemMetadata.Found(px, signal);
  }

  /** Pixel size (m) from TIFF XResolution + ResolutionUnit; NaN when not a physical size. */
  static double fromResolution(double xres, int unit) {
    if (!(xres > 0) || Double.isInfinite(xres)) {
      return Double.NaN;
    }
    if (unit == 3) {
      return 0.01 / xres;
    }
    if (unit == 2) {
      if (Math.abs(xres - 72) < 1e-6 || Math.abs(xres - 96) < 1e-6) {
        return Double.NaN; // screen default, not a measured pixel size
      }
      return INCH_M / xres;
    }
    return Double.NaN; // unit 1 = none
  }

  private static RasterImage decodePng(Path file, byte[] bytes, double fallback,
      ReadLimits limits) throws FormatException {
    PngCodec.Info info = PngCodec.inspect(file, bytes, limits, false);
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new FormatException(file, "byte offset " + info.firstIdatOffset(),
          "decodable PNG image data", "undecodable data (" + e.getMessage() + ")", e);
    }
    if (img == null) {
      throw new FormatException(file, "byte offset 0", "a PNG the decoder accepts",
          "no decoder result");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    ImageIoCodec.Samples decoded = ImageIoCodec.samples(img, info.bitDepth());
    int channels = decoded.channels();
    int bits = decoded.bits();
    float[] samples = decoded.values();
    double pxSize = Double.NaN;
    SignalType signal = null;
    for (String t : info.texts().values()) {
      SemMetadata.Found f = SemMetadata.alloyflow(t);
      if (!Double.isNaN(f.pixelSizeM()) || f.signal() != null) {
        pxSize = f.pixelSizeM();
        signal = f.signal();
        break;
      }
    }
    if (Double.isNaN(pxSize) || signal == null) {
      SemMetadata.Found f = SemMetadata.feiAnywhere(bytes);
      pxSize = Double.isNaN(pxSize) ? f.pixelSizeM() : pxSize;
      signal = signal == null ? f.signal() : signal;
    }
    pxSize = sane(pxSize);
    if (Double.isNaN(pxSize)) {
      pxSize = sane(fromPhys(info.pixelsPerMetre()));
    }
    if (Double.isNaN(pxSize)) {
      pxSize = fallback;
    }
    return new RasterImage(w, h, channels, bits, false, samples, pxSize,
        signal == null ? SignalType.OTHER : signal);
  }

  /**
   * Writes an uncompressed little-endian TIFF: 8 or 16-bit unsigned integer samples or 32-bit
   * IEEE float (sample format 3) per the micrograph's bit depth; XResolution/YResolution in pixels
   * per centimetre with ResolutionUnit 3 when the pixel size is known; ImageDescription {@code
   * alloyflow pixelSizeM=... signal=...}. Integer samples are rounded.
   *
   * @throws IllegalArgumentException when a pixel does not fit the bit depth
   */
  public static void writeTiff(Micrograph m, Path file) throws IOException {
    float[] px = m.pixels();
    if (m.bitDepth() != 32) {
      px = px.clone();
      int[] ints = checkedIntegers(m);
      for (int i = 0; i < ints.length; i++) {
        px[i] = ints[i];
      }
    }
    byte[] bytes = TiffCodec.encodeGray(m.width(), m.height(), px, m.bitDepth(), m.pixelSizeM(),
        SemMetadata.alloyflowDescription(m.pixelSizeM(), m.signal()));
    writeAtomically(file, bytes);
  }

  /**
   * Writes a grayscale PNG (8 or 16 bit per the micrograph's bit depth) with a {@code pHYs} chunk
   * (pixels per metre, rounded) when the pixel size is known and a {@code tEXt} Description
   * holding the exact {@code alloyflow pixelSizeM=... signal=...}.
   *
   * @throws IllegalArgumentException for 32-bit float micrographs (PNG holds integers; use {@link
   *     #writeTiff}) and for pixels that do not fit the bit depth
   */
  public static void writePng(Micrograph m, Path file) throws IOException {
    if (m.bitDepth() == 32) {
      throw new IllegalArgumentException(
          "PNG holds 8 or 16-bit integer samples, found a 32-bit float micrograph: use writeTiff");
    }
    byte[] bytes = PngCodec.encodeGray(m.width(), m.height(), checkedIntegers(m), m.bitDepth(),
        m.pixelSizeM(), SemMetadata.alloyflowDescription(m.pixelSizeM(), m.signal()));
    writeAtomically(file, bytes);
  }

  private static int[] checkedIntegers(Micrograph m) {
    int max = m.bitDepth() == 8 ? 255 : 65535;
    float[] p = m.pixels();
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      long v = Math.round((double) p[i]);
      if (v < 0 || v > max || Float.isNaN(p[i])) {
        throw new IllegalArgumentException(
            "pixel (" + (i % m.width()) + ", " + (i / m.width()) + ") = " + p[i]
                + ": expected 0.." + max + " for a " + m.bitDepth() + "-bit micrograph");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /** Writes bytes atomically (see {@link AtomicFiles}). */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    AtomicFiles.write(file, bytes);
  }

}
