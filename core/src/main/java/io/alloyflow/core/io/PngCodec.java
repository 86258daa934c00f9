package io.alloyflow.core.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * PNG (ISO/IEC 15948:2004, W3C PNG specification 2nd ed.) structure checks, metadata chunks and a
 * grayscale encoder. The chunk walk validates signature, lengths and CRCs (so truncation and
 * corruption are reported with the byte offset) and extracts {@code IHDR}, {@code pHYs} and
 * {@code tEXt}/{@code zTXt}/{@code iTXt} text; pixel decoding of validated files is left to {@code
 * javax.imageio}.
 */
final class PngCodec {
  private PngCodec() {}

  static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};

  /** Structure facts of a validated PNG file. */
  record Info(
      int width,
      int height,
      int bitDepth,
      int colorType,
      double pixelsPerMetre,
      Map<String, String> texts,
      int firstIdatOffset) {}

  static boolean isPng(byte[] b) {
    if (b.length < 8) {
      return false;
    }
    for (int i = 0; i < 8; i++) {
      if (b[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static Info inspect(Path file, byte[] b) throws FormatException {
    if (!isPng(b)) {
      throw new FormatException(file, "byte offset 0", "the 8-byte PNG signature",
          b.length < 8 ? "a file of " + b.length + " bytes" : "other bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    int pos = 8;
    int width = -1;
    int height = -1;
    int depth = 0;
    int colorType = -1;
    double ppm = Double.NaN;
    Map<String, String> texts = new LinkedHashMap<>();
    boolean sawIdat = false;
    int firstIdat = -1;
    boolean end = false;
    while (!end) {
      if (pos + 8 > b.length) {
        throw new FormatException(file, "byte offset " + pos,
            "a chunk header (8 bytes)" + (sawIdat ? " or IEND" : ""),
            "the file ends at byte " + b.length);
      }
      long len = buf.getInt(pos) & 0xffffffffL;
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (len > Integer.MAX_VALUE || pos + 12 + len > b.length) {
        throw new FormatException(file, "byte offset " + pos,
            "chunk '" + printable(type) + "' of " + len + " bytes + CRC inside the file",
            "the file ends at byte " + b.length);
      }
      int data = pos + 8;
      CRC32 crc = new CRC32();
      crc.update(b, pos + 4, 4 + (int) len);
      long stored = buf.getInt(data + (int) len) & 0xffffffffL;
      if (crc.getValue() != stored) {
        throw new FormatException(file, "byte offset " + (data + len),
            "CRC " + Long.toHexString(crc.getValue()) + " of chunk '" + printable(type) + "'",
            Long.toHexString(stored));
      }
      if (pos == 8 && !type.equals("IHDR")) {
        throw new FormatException(file, "byte offset 8", "the IHDR chunk first",
            "'" + printable(type) + "'");
      }
      switch (type) {
        case "IHDR" -> {
          if (len != 13) {
            throw new FormatException(file, "byte offset " + pos, "IHDR of 13 bytes",
                len + " bytes");
          }
          width = buf.getInt(data);
          height = buf.getInt(data + 4);
          depth = b[data + 8] & 0xff;
          colorType = b[data + 9] & 0xff;
          if (width <= 0 || height <= 0) {
            throw new FormatException(file, "byte offset " + data, "a positive image size",
                (width & 0xffffffffL) + "x" + (height & 0xffffffffL));
          }
        }
        case "pHYs" -> {
          if (len == 9 && b[data + 8] == 1) {
            long x = buf.getInt(data) & 0xffffffffL;
            if (x > 0) {
              ppm = x;
            }
          }
        }
        case "tEXt" -> {
          int z = zero(b, data, (int) len);
          if (z > data) {
            texts.put(latin1(b, data, z - data), latin1(b, z + 1, data + (int) len - z - 1));
          }
        }
        case "zTXt" -> {
          int z = zero(b, data, (int) len);
          if (z > data && z + 2 <= data + len) {
            texts.put(latin1(b, data, z - data),
                inflateText(b, z + 2, data + (int) len - z - 2, StandardCharsets.ISO_8859_1));
          }
        }
        case "iTXt" -> {
          int z = zero(b, data, (int) len);
          if (z > data && z + 3 <= data + len) {
            boolean compressed = b[z + 1] != 0;
            int lang = zero(b, z + 3, data + (int) len - z - 3);
            int tk = lang < 0 ? -1 : zero(b, lang + 1, data + (int) len - lang - 1);
            if (tk >= 0) {
              int s = tk + 1;
              int n = data + (int) len - s;
              texts.put(latin1(b, data, z - data), compressed
                  ? inflateText(b, s, n, StandardCharsets.UTF_8)
                  : new String(b, s, n, StandardCharsets.UTF_8));
            }
          }
        }
        case "IDAT" -> {
          if (!sawIdat) {
            firstIdat = pos;
          }
          sawIdat = true;
        }
        case "IEND" -> end = true;
        default -> {
          // ancillary or unknown chunk: skipped
        }
      }
      pos = data + (int) len + 4;
    }
    if (!sawIdat) {
      throw new FormatException(file, "byte offset " + pos, "at least one IDAT chunk before IEND",
          "none");
    }
    return new Info(width, height, depth, colorType, ppm, texts, firstIdat);
  }

  private static String printable(String t) {
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static int zero(byte[] b, int from, int len) {
    for (int i = from; i < from + len; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static String latin1(byte[] b, int off, int len) {
    return new String(b, off, Math.max(0, len), StandardCharsets.ISO_8859_1);
  }

  private static String inflateText(byte[] b, int off, int len, java.nio.charset.Charset cs) {
    try (InflaterInputStream in =
        new InflaterInputStream(new ByteArrayInputStream(b, off, Math.max(0, len)))) {
      return new String(in.readAllBytes(), cs);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Encodes a grayscale PNG (colour type 0), filter type 0 (None) on every row.
   *
   * @param samples row-major integer samples, validated for the bit depth
   * @param bits 8 or 16
   * @param pixelSizeM NaN to omit pHYs
   * @param description text stored as a tEXt "Description" chunk (null to omit)
   */
  static byte[] encodeGray(
      int width, int height, int[] samples, int bits, double pixelSizeM, String description) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) bits).put((byte) 0).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    if (!Double.isNaN(pixelSizeM)) {
      long ppm = Math.round(1.0 / pixelSizeM);
      if (ppm >= 1 && ppm <= 0xffffffffL) {
        ByteBuffer p = ByteBuffer.allocate(9);
        p.putInt((int) ppm).putInt((int) ppm).put((byte) 1);
        chunk(out, "pHYs", p.array());
      }
    }
    if (description != null) {
      byte[] key = "Description".getBytes(StandardCharsets.ISO_8859_1);
      byte[] val = description.getBytes(StandardCharsets.ISO_8859_1);
      byte[] t = new byte[key.length + 1 + val.length];
      System.arraycopy(key, 0, t, 0, key.length);
      System.arraycopy(val, 0, t, key.length + 1, val.length);
      chunk(out, "tEXt", t);
    }
    int bpp = bits / 8;
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    Deflater def = new Deflater(6);
    try (DeflaterOutputStream dos = new DeflaterOutputStream(raw, def, 65536)) {
      byte[] row = new byte[1 + width * bpp];
      for (int y = 0; y < height; y++) {
        row[0] = 0;
        for (int x = 0; x < width; x++) {
          int v = samples[y * width + x];
          if (bits == 8) {
            row[1 + x] = (byte) v;
          } else {
            row[1 + 2 * x] = (byte) (v >>> 8);
            row[2 + 2 * x] = (byte) v;
          }
        }
        dos.write(row);
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory deflate failed", e);
    } finally {
      def.end();
    }
    chunk(out, "IDAT", raw.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer len = ByteBuffer.allocate(4).putInt(data.length);
    out.writeBytes(len.array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
