package io.alloyflow.core.io;

import io.alloyflow.core.image.SignalType;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The formats users' microscopes and viewers export besides TIFF and PNG, decoded by the JDK's
 * {@code javax.imageio} readers: baseline and progressive JPEG (ITU-T T.81 / JFIF 1.02, 8-bit
 * gray or YCbCr) and Windows BMP (1-32 bit, palette or direct colour). The image size is read from
 * the header by the reader ({@link ImageReader#getWidth}) and checked against the {@link
 * ReadLimits} before any pixel buffer is allocated. Neither format carries a pixel size, so the
 * caller's fallback applies; samples keep their 8-bit scale (0..255), palette images become gray
 * when every palette entry is gray, and colour images keep three channels (R, G, B; alpha is
 * dropped) for the caller to convert (see {@link MicrographIO#readLuminance}).
 */
final class ImageIoCodec {
  private ImageIoCodec() {}

  /** JPEG: SOI marker FF D8 followed by a marker FF. */
  static boolean isJpeg(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff;
  }

  /** BMP: "BM" file header. */
  static boolean isBmp(byte[] b) {
    return b.length >= 2 && b[0] == 'B' && b[1] == 'M';
  }

  static String formatName(byte[] b) {
    return isJpeg(b) ? "jpeg" : "bmp";
  }

  /** Header of an in-memory JPEG/BMP: size and channels, checked against the limits. */
  static ImageHeader probe(Path file, byte[] bytes, ReadLimits limits, boolean minimumSide)
      throws FormatException {
    String fmt = formatName(bytes);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader r = reader(file, in, fmt);
      try {
        int w = r.getWidth(0);
        int h = r.getHeight(0);
        int channels = channelsOf(r);
        limits.checkImage(file, fmt + " header", w, h, channels);
        if (minimumSide) {
          ReadLimits.checkMinimumSide(file, fmt + " header", w, h);
        }
        return new ImageHeader(fmt, w, h, channels, 8, false, Double.NaN, SignalType.OTHER);
      } finally {
        r.dispose();
      }
    } catch (FormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FormatException(file, "byte offset 0", "a decodable " + fmt.toUpperCase() + " header",
          "undecodable data (" + e.getMessage() + ")", e);
    }
  }

  /** Decodes an in-memory JPEG/BMP after checking its declared size. */
  static RasterImage decode(Path file, byte[] bytes, double fallback, ReadLimits limits)
      throws FormatException {
    String fmt = formatName(bytes);
    BufferedImage img;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader r = reader(file, in, fmt);
      try {
        limits.checkImage(file, fmt + " header", r.getWidth(0), r.getHeight(0), channelsOf(r));
        img = r.read(0);
      } finally {
        r.dispose();
      }
    } catch (FormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new FormatException(file, "image data", "decodable " + fmt.toUpperCase()
          + " image data (8-bit gray or colour)", "undecodable data (" + e.getMessage() + ")", e);
    }
    Samples s = samples(img, 8);
    return new RasterImage(img.getWidth(), img.getHeight(), s.channels(), s.bits(), false,
        s.values(), fallback, SignalType.OTHER);
  }

  private static ImageReader reader(Path file, ImageInputStream in, String fmt)
      throws FormatException {
    Iterator<ImageReader> it = in == null ? null : ImageIO.getImageReaders(in);
    if (it == null || !it.hasNext()) {
      throw new FormatException(file, "byte offset 0", "a " + fmt.toUpperCase()
          + " the JDK's image readers accept", "no reader for this data");
    }
    ImageReader r = it.next();
    r.setInput(in, true, true);
    return r;
  }

  /** Colour channels without alpha: 1 for gray (or a gray palette), else 3. */
  private static int channelsOf(ImageReader r) throws IOException {
    var types = r.getImageTypes(0);
    if (types != null && types.hasNext()) {
      ColorModel cm = types.next().getColorModel();
      if (cm instanceof IndexColorModel icm) {
        return grayPalette(icm) ? 1 : 3;
      }
      return cm.getNumColorComponents() == 1 ? 1 : 3;
    }
    return 3;
  }

  private static boolean grayPalette(IndexColorModel icm) {
    for (int i = 0; i < icm.getMapSize(); i++) {
      if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
        return false;
      }
    }
    return true;
  }

  /** Interleaved samples of a decoded image. */
  record Samples(int channels, int bits, float[] values) {}

  /**
   * Samples of a decoded {@link BufferedImage} (shared by the PNG, JPEG and BMP paths): palette
   * images are expanded (gray palettes to one channel, others to R, G, B); direct images keep all
   * their bands in colour-model order (R, G, B[, A]). Sample values of depths below 8 bits are
   * scaled to 0..255.
   *
   * @param bitDepth the file's bits per sample (16 keeps 16-bit values)
   */
  static Samples samples(BufferedImage img, int bitDepth) {
    int w = img.getWidth();
    int h = img.getHeight();
    Raster ras = img.getRaster();
    ColorModel cm = img.getColorModel();
    if (cm instanceof IndexColorModel icm) {
      boolean gray = grayPalette(icm);
      int channels = gray ? 1 : 3;
      float[] samples = new float[w * h * channels];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int idx = ras.getSample(x, y, 0);
          int o = (y * w + x) * channels;
          samples[o] = icm.getRed(idx);
          if (!gray) {
            samples[o + 1] = icm.getGreen(idx);
            samples[o + 2] = icm.getBlue(idx);
          }
        }
      }
      return new Samples(channels, 8, samples);
    }
    int channels = ras.getNumBands();
    int bits = bitDepth == 16 ? 16 : 8;
    float scale = bitDepth < 8 ? 255f / ((1 << bitDepth) - 1) : 1f;
    float[] samples = new float[w * h * channels];
    int[] px = new int[channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        ras.getPixel(x, y, px);
        int o = (y * w + x) * channels;
        for (int c = 0; c < channels; c++) {
          samples[o + c] = px[c] * scale;
        }
      }
    }
    return new Samples(channels, bits, samples);
  }
}
