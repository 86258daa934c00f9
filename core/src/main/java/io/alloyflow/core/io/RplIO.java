package io.alloyflow.core.io;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.SpectrumImage;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Lispix RPL/RAW spectrum images (D. Bright, NIST Lispix, "RPL/RAW raw-file description"): a text
 * header of tab/space separated {@code key value} lines (keys case-insensitive, ISO-8859-1, since
 * real files carry a Latin-1 {@code µ}) describing a headerless binary data file beside it.
 *
 * <p>Header keys read: {@code width}, {@code height}, {@code depth}, {@code offset} (bytes to
 * skip), {@code data-length} (1, 2, 4, 8), {@code data-type} (signed, unsigned, float), {@code
 * byte-order} (little-endian, big-endian, dont-care: taken as little-endian, as HyperSpy does for
 * the files it writes), {@code record-by} (vector = spectra one after another; image = one channel
 * plane after another, transposed here to pixel-major; dont-care), the energy axis ({@code
 * depth-scale}/{@code depth-origin}/{@code depth-units} as HyperSpy writes, else {@code
 * ev-per-chan} with {@code ev-offset} or {@code depth-offset} in eV), the pixel size ({@code
 * width-scale} + {@code width-units}), {@code beam-energy} (kV) and {@code live-time-per-pixel}
 * (s). The data file is {@code <name>.raw}, else {@code <name>.raw.gz}, else the file the header
 * names ({@code data-file}).
 */
public final class RplIO {
  private RplIO() {}

  /** Most bytes of an RPL header file (real headers are a few hundred bytes). */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  /** Reads an RPL header and its RAW (or gzipped RAW) data file. */
  public static SpectrumImage read(Path rpl) throws IOException {
    return read(rpl, ReadLimits.DEFAULT);
  }

  /**
   * Reads an RPL header and its data file within {@code limits}: the header may hold at most
   * {@link #MAX_HEADER_BYTES}; width*height within maxPixels, depth 2..maxChannels and the float
   * cube within maxBytes are checked before the cube is allocated; an uncompressed data file must
   * be long enough for the declared cube before it is read; the data file must lie beside the
   * header (a {@code data-file} key naming another directory is refused).
   */
  public static SpectrumImage read(Path rpl, ReadLimits limits) throws IOException {
    Header h = Header.parse(rpl, MicrographIO.readFile(rpl,
        limits.withMaxBytes(Math.min(limits.maxBytes(), MAX_HEADER_BYTES))));
    int width = h.positiveInt("width");
    int height = h.positiveInt("height");
    int depth = h.positiveInt("depth");
    limits.checkCube(rpl, "line " + h.lines.get("depth") + " (width, height, depth)", width,
        height, depth);
    long offset = h.has("offset") ? h.nonNegativeLong("offset") : 0;
    if (offset > limits.maxBytes()) {
      throw new FormatException(rpl, "line " + h.lines.get("offset"),
          "offset at most " + limits.maxBytes() + " bytes (read limit)", offset + " bytes");
    }
    int len = h.positiveInt("data-length");
    if (len != 1 && len != 2 && len != 4 && len != 8) {
      throw h.error("data-length", "1, 2, 4 or 8", h.get("data-length"));
    }
    String type = h.require("data-type").toLowerCase(Locale.ROOT);
    if (!type.equals("signed") && !type.equals("unsigned") && !type.equals("float")) {
      throw h.error("data-type", "signed, unsigned or float", h.get("data-type"));
    }
    if (type.equals("float") && len != 4 && len != 8) {
      throw h.error("data-length", "4 or 8 for data-type float", h.get("data-length"));
    }
    String bo = h.has("byte-order") ? h.get("byte-order").toLowerCase(Locale.ROOT) : "dont-care";
    ByteOrder order;
    switch (bo) {
      case "little-endian", "dont-care" -> order = ByteOrder.LITTLE_ENDIAN;
      case "big-endian" -> order = ByteOrder.BIG_ENDIAN;
      default -> throw h.error("byte-order", "little-endian, big-endian or dont-care", bo);
    }
    String rb = h.has("record-by") ? h.get("record-by").toLowerCase(Locale.ROOT) : "dont-care";
    boolean image;
    switch (rb) {
      case "vector" -> image = false;
      case "image" -> image = true;
      case "dont-care" -> {
        if (depth != 1 && (long) width * height != 1) {
          throw h.error("record-by", "vector or image for a " + width + "x" + height + "x" + depth
              + " cube (dont-care is only meaningful for one pixel or one channel)", rb);
        }
        image = false;
      }
      default -> throw h.error("record-by", "vector, image or dont-care", rb);
    }
    long values = (long) width * height * depth;
    EnergyAxis axis = energyAxis(h);
    double pixelSize = pixelSize(h);
    double beam = h.optionalNonNegative("beam-energy");
    double live = h.optionalNonNegative("live-time-per-pixel");

    Path data = dataFile(rpl, h);
    long needBytes = values * len;
    boolean gzData = data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    if (gzData && Files.size(data) * 1032 < offset + needBytes) {
      // gzip is Deflate, which expands one byte at most 1032-fold
      throw new FormatException(data, "file size",
          "a gzip stream of at least " + ((offset + needBytes + 1031) / 1032) + " bytes for "
              + (offset + needBytes) + " bytes of header offset and data",
          "a file of " + Files.size(data) + " bytes");
    }
    if (!gzData && Files.size(data) < offset + needBytes) {
      throw new FormatException(data, "file size",
          "width*height*depth*data-length = " + width + "*" + height + "*" + depth + "*" + len
              + " = " + needBytes + " bytes of data after offset " + offset,
          "a file of " + Files.size(data) + " bytes");
    }
    float[] cube = new float[(int) values];
    boolean gz = data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    long got = 0;
    try (InputStream raw = Files.newInputStream(data);
        InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
      long skipped = skipFully(in, offset);
      if (skipped < offset) {
        throw new FormatException(data, "byte offset " + skipped,
            "the header offset of " + offset + " bytes before the data",
            "end of data after " + skipped + " bytes");
      }
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(order);
      int idx = 0;
      int plane = width * height;
      while (got < needBytes) {
        int want = (int) Math.min(buf.capacity() - buf.capacity() % len, needBytes - got);
        int n = readFully(in, buf.array(), want);
        if (n <= 0) {
          break;
        }
        int whole = n - n % len;
        for (int p = 0; p < whole; p += len) {
          float v = value(buf, p, len, type);
          int target;
          if (image) {
            int c = idx / plane;
            int pix = idx % plane;
            target = pix * depth + c;
          } else {
            target = idx;
          }
          cube[target] = v;
          idx++;
        }
        got += n;
        if (n < want) {
          break;
        }
      }
      if (got < needBytes) {
        throw new FormatException(data, "byte offset " + (offset + got),
            "width*height*depth*data-length = " + width + "*" + height + "*" + depth + "*" + len
                + " = " + needBytes + " bytes of data after offset " + offset,
            got + " bytes" + (gz ? " (decompressed)" : ""));
      }
    } catch (EOFException | ZipException e) {
      throw new FormatException(data, "byte offset " + (offset + got) + " (decompressed)",
          "a gzip stream holding " + needBytes + " bytes of data after offset " + offset,
          "a stream that breaks after " + got + " bytes (" + e.getMessage() + ")", e);
    }
    return new SpectrumImage(width, height, depth, cube, axis, pixelSize, beam, live);
  }

  private static float value(ByteBuffer b, int p, int len, String type) {
    switch (type) {
      case "float":
        return len == 4 ? b.getFloat(p) : (float) b.getDouble(p);
      case "signed":
        return switch (len) {
          case 1 -> b.get(p);
          case 2 -> b.getShort(p);
          case 4 -> b.getInt(p);
          default -> b.getLong(p);
        };
      default:
        return switch (len) {
          case 1 -> b.get(p) & 0xff;
          case 2 -> b.getShort(p) & 0xffff;
          case 4 -> b.getInt(p) & 0xffffffffL;
          default -> unsignedLong(b.getLong(p));
        };
    }
  }

  private static float unsignedLong(long v) {
    return v >= 0 ? v : (float) (v >>> 1) * 2f;
  }

  private static int readFully(InputStream in, byte[] b, int n) throws IOException {
    int got = 0;
    while (got < n) {
      int k = in.read(b, got, n - got);
      if (k < 0) {
        break;
      }
      got += k;
    }
    return got;
  }

  private static long skipFully(InputStream in, long n) throws IOException {
    long done = 0;
    byte[] scratch = new byte[8192];
    while (done < n) {
      int k = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
      if (k < 0) {
        break;
      }
      done += k;
    }
    return done;
  }

  private static EnergyAxis energyAxis(Header h) throws FormatException {
    double scale = h.optionalDouble("depth-scale");
    if (scale > 0) {
      double unit = 1.0;
      String key = "depth-units";
      if (h.has(key)) {
        String u = h.get(key).toLowerCase(Locale.ROOT);
        if (u.equals("kev")) {
          unit = 1000.0;
        } else if (!u.equals("ev")) {
          throw h.error(key, "eV or keV for the energy axis", h.get(key));
        }
      }
      double origin = h.optionalDouble("depth-origin");
      return axis(h, "depth-origin", Double.isNaN(origin) ? 0 : origin * unit, scale * unit);
    }
    double ev = h.optionalDouble("ev-per-chan");
    if (ev > 0) {
      double off = h.optionalDouble("ev-offset");
      if (Double.isNaN(off)) {
        off = h.optionalDouble("depth-offset");
      }
      return axis(h, "ev-offset", Double.isNaN(off) ? 0 : off, ev);
    }
    throw new FormatException(h.file, "line " + h.lastLine,
        "an energy axis (ev-per-chan > 0, or depth-scale > 0 with depth-units eV/keV)",
        "neither in the header");
  }

  private static EnergyAxis axis(Header h, String key, double offsetEv, double gainEv)
      throws FormatException {
    if (!Double.isFinite(offsetEv) || !Double.isFinite(gainEv) || !(gainEv > 0)) {
      throw h.error(key, "a finite energy offset and a positive finite channel width (eV)",
          offsetEv + " eV offset, " + gainEv + " eV per channel");
    }
    return new EnergyAxis(offsetEv, gainEv);
  }

  private static double pixelSize(Header h) throws FormatException {
    double s = h.optionalDouble("width-scale");
    if (!(s > 0) || !h.has("width-units")) {
      return Double.NaN;
    }
    String u = h.get("width-units").strip();
    double f =
        switch (u) {
          case "m" -> 1;
          case "mm" -> 1e-3;
          case "um", "\u00b5m", "\u03bcm", "micron", "microns" -> 1e-6;
          case "nm" -> 1e-9;
          case "pm" -> 1e-12;
          default -> Double.NaN;
        };
    double px = s * f;
    return px > 0 && Double.isFinite(px) ? px : Double.NaN;
  }

  private static Path dataFile(Path rpl, Header h) throws IOException {
    String name = rpl.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    Path dir = rpl.toAbsolutePath().getParent();
    for (String ext : new String[] {".raw", ".RAW", ".raw.gz", ".RAW.gz", ".raw.GZ"}) {
      Path p = dir.resolve(base + ext);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    for (String key : new String[] {"data-file", "raw-file", "file"}) {
      if (h.has(key)) {
        String v = h.get(key);
        // a plain file name beside the header: no directories, no "..", no absolute paths
        if (v.isEmpty() || v.equals(".") || v.equals("..") || v.contains("/")
            || v.contains("\\") || v.indexOf('\0') >= 0 || v.contains(":")) {
          throw h.error(key, "a file name beside the header (no directory part)", v);
        }
        Path p = dir.resolve(v);
        if (Files.isRegularFile(p)) {
          return p;
        }
        throw h.error(key, "an existing regular data file beside the header", v);
      }
    }
    throw new FormatException(rpl, "line " + h.lastLine,
        "a data file " + base + ".raw or " + base + ".raw.gz beside the header", "none");
  }

  // ----------------------------------------------------------------------- writing

  /** Writes {@code <name>.rpl} + {@code <name>.raw} (vector, little-endian). */
  public static void write(SpectrumImage si, Path rpl) throws IOException {
    write(si, rpl, false);
  }

  /** Writes {@code <name>.rpl} + {@code <name>.raw.gz} (vector, little-endian, gzip). */
  public static void writeGzip(SpectrumImage si, Path rpl) throws IOException {
    write(si, rpl, true);
  }

  /**
   * Writes the header and data: record-by vector, little-endian (byte-order dont-care for
   * single-byte data), with the narrowest data type
   * that holds every value exactly (unsigned/signed 1, 2 or 4 bytes for whole numbers, else float
   * 4), the energy axis as {@code ev-per-chan}/{@code ev-offset} and {@code depth-scale}/{@code
   * depth-origin}/{@code depth-units eV}, the pixel size in {@code width-scale}/{@code
   * width-units um}.
   */
  public static void write(SpectrumImage si, Path rpl, boolean gzip) throws IOException {
    float[] d = si.data();
    boolean integral = true;
    double min = 0;
    double max = 0;
    for (float v : d) {
      if (v != Math.rint(v) || Float.isInfinite(v)) {
        integral = false;
        break;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    String type;
    int len;
    if (!integral) {
      type = "float";
      len = 4;
    } else if (min >= 0) {
      type = "unsigned";
      len = max <= 0xff ? 1 : max <= 0xffff ? 2 : max <= 0xffffffffL ? 4 : 0;
    } else {
      type = "signed";
      len = (min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE) ? 1
          : (min >= Short.MIN_VALUE && max <= Short.MAX_VALUE) ? 2
          : (min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE) ? 4 : 0;
    }
    if (len == 0) {
      type = "float";
      len = 4;
    }
    String name = rpl.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    Path dir = rpl.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path data = dir.resolve(base + (gzip ? ".raw.gz" : ".raw"));
    // remove a stale sibling of the other kind, which the reader would otherwise prefer
    Files.deleteIfExists(dir.resolve(base + (gzip ? ".raw" : ".raw.gz")));
    Map<String, String> kv = new LinkedHashMap<>();
    kv.put("width", Integer.toString(si.width()));
    kv.put("height", Integer.toString(si.height()));
    kv.put("depth", Integer.toString(si.channels()));
    kv.put("offset", "0");
    kv.put("data-length", Integer.toString(len));
    kv.put("data-type", type);
    // Lispix: single-byte data has no byte order ("dont-care"), and readers such as HyperSpy
    // reject any other value for data-length 1
    kv.put("byte-order", len == 1 ? "dont-care" : "little-endian");
    kv.put("record-by", "vector");
    kv.put("ev-per-chan", Double.toString(si.axis().gainEvPerChannel()));
    kv.put("ev-offset", Double.toString(si.axis().offsetEv()));
    kv.put("depth-scale", Double.toString(si.axis().gainEvPerChannel()));
    kv.put("depth-origin", Double.toString(si.axis().offsetEv()));
    kv.put("depth-units", "eV");
    if (!Double.isNaN(si.pixelSizeM())) {
      String um = Double.toString(si.pixelSizeM() * 1e6);
      kv.put("width-scale", um);
      kv.put("height-scale", um);
      kv.put("width-units", "um");
      kv.put("height-units", "um");
    }
    if (!Double.isNaN(si.beamEnergyKeV())) {
      kv.put("beam-energy", Double.toString(si.beamEnergyKeV()));
    }
    if (!Double.isNaN(si.liveTimePerPixelS())) {
      kv.put("live-time-per-pixel", Double.toString(si.liveTimePerPixelS()));
    }
    if (gzip) {
      kv.put("data-file", data.getFileName().toString());
    }
    StringBuilder sb = new StringBuilder(";File written by alloyflow\nkey\tvalue\n");
    kv.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
    Path tmpData = AtomicFiles.temporarySibling(data);
    try {
      try (OutputStream raw = AtomicFiles.openTemporary(tmpData);
          OutputStream out = new BufferedOutputStream(
              gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16)) {
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : d) {
          if (b.remaining() < 8) {
            out.write(b.array(), 0, b.position());
            b.clear();
          }
          switch (type + len) {
            case "unsigned1", "signed1" -> b.put((byte) (long) v);
            case "unsigned2", "signed2" -> b.putShort((short) (long) v);
            case "unsigned4", "signed4" -> b.putInt((int) (long) v);
            default -> b.putFloat(v);
          }
        }
        out.write(b.array(), 0, b.position());
      }
      AtomicFiles.commit(tmpData, data);
    } finally {
      Files.deleteIfExists(tmpData);
    }
    MicrographIO.writeAtomically(rpl, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  // ----------------------------------------------------------------------- header

  private static final class Header {
    final Path file;
    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, Integer> lines = new LinkedHashMap<>();
    int lastLine;

    private Header(Path file) {
      this.file = file;
    }

    static Header parse(Path file, byte[] bytes) throws FormatException {
      Header h = new Header(file);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      String[] ls = text.split("\r\n|\r|\n", -1);
      for (int i = 0; i < ls.length; i++) {
        String line = ls[i].strip();
        if (line.isEmpty() || line.startsWith(";")) {
          continue;
        }
        h.lastLine = i + 1;
        String[] kv = line.split("[\\t ]+", 2);
        String key = kv[0].toLowerCase(Locale.ROOT);
        String value = kv.length > 1 ? kv[1].strip() : "";
        if (key.equals("key")) {
          continue; // the "key value" column title line
        }
        if (key.indexOf('\0') >= 0 || !key.matches("[a-z0-9_.\\-]+")) {
          throw new FormatException(file, "line " + (i + 1),
              "a 'key<TAB>value' header line", FormatException.unshown("a line", line));
        }
        if (h.values.containsKey(key)) {
          throw new FormatException(file, "line " + (i + 1), "each key once",
              "a key repeated from line " + h.lines.get(key));
        }
        h.values.put(key, value);
        h.lines.put(key, i + 1);
      }
      if (h.values.isEmpty()) {
        throw new FormatException(file, "line 1", "an RPL header of key/value lines",
            "no keys");
      }
      return h;
    }

    boolean has(String key) {
      return values.containsKey(key) && !values.get(key).isEmpty();
    }

    String get(String key) {
      return values.get(key);
    }

    String require(String key) throws FormatException {
      if (!has(key)) {
        throw new FormatException(file, "line " + lastLine + " (end of header)",
            "key '" + key + "'", "no such key");
      }
      return values.get(key);
    }

    FormatException error(String key, String expected, String found) {
      Integer l = lines.get(key);
      return new FormatException(file, "line " + (l == null ? lastLine : l),
          key + " " + expected, FormatException.unshown("a value", found));
    }

    long nonNegativeLong(String key) throws FormatException {
      String v = require(key);
      try {
        long n = Long.parseLong(v.strip());
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw error(key, "a whole number >= 0", v);
      }
    }

    int positiveInt(String key) throws FormatException {
      String v = require(key);
      try {
        int n = Integer.parseInt(v.strip());
        if (n <= 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw error(key, "a positive whole number", v);
      }
    }

    double optionalNonNegative(String key) throws FormatException {
      double v = optionalDouble(key);
      if (!Double.isNaN(v) && !(v >= 0 && Double.isFinite(v))) {
        throw new FormatException(file, "line " + lines.get(key), key + " a finite number >= 0",
            Double.toString(v));
      }
      return v;
    }

    double optionalDouble(String key) throws FormatException {
      if (!has(key)) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(values.get(key).strip());
      } catch (NumberFormatException e) {
        throw error(key, "a number", values.get(key));
      }
    }
  }
}
