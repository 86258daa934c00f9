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

  /** Most bytes of text one zTXt/iTXt chunk may inflate to (longer text is cut). */
  static final int MAX_TEXT_BYTES = 1 << 20;

  /** Samples per pixel of a PNG colour type (palette images count as RGB), or -1. */
  static int channels(int colorType) {
    return switch (colorType) {
      case 0 -> 1;
      case 2, 3 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> -1;
    };
  }

  static Info inspect(Path file, byte[] b) throws FormatException {
    return inspect(file, b, ReadLimits.DEFAULT, false);
  }

  /**
   * Walks the chunks, checking the IHDR size against {@code limits} as soon as it is read.
   *
   * @param headerOnly stop at the first IDAT chunk (its data need not be present): for probing
   */
  static Info inspect(Path file, byte[] b, ReadLimits limits, boolean headerOnly)
      throws FormatException {
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
    long idatBytes = 0;
    while (!end) {
      if (pos + 8 > b.length) {
        throw new FormatException(file, "byte offset " + pos,
            "a chunk header (8 bytes)" + (sawIdat ? " or IEND" : ""),
            "the file ends at byte " + b.length);
      }
      long len = buf.getInt(pos) & 0xffffffffL;
      String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (headerOnly && type.equals("IDAT") && width > 0) {
        firstIdat = pos;
        sawIdat = true;
        break;
      }
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
          int ch = channels(colorType);
          if (ch < 0) {
            throw new FormatException(file, "byte offset " + (data + 9),
                "PNG colour type 0, 2, 3, 4 or 6", Integer.toString(colorType));
          }
          if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16) {
            throw new FormatException(file, "byte offset " + (data + 8),
                "PNG bit depth 1, 2, 4, 8 or 16", Integer.toString(depth));
          }
          limits.checkImage(file, "byte offset " + data + " (IHDR)", width, height, ch);
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
          idatBytes += len;
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
    if (!headerOnly) {
      // Deflate expands one byte at most 1032-fold (RFC 1951 maximal run of 258 bytes per
      // 2-bit code): less IDAT data than that bound needs cannot hold the declared pixels
      long rowBytes = ((long) width * channels(colorType) * depth + 7) / 8;
      long raw = rowBytes * height;
      if (idatBytes * 1032 < raw) {
        throw new FormatException(file, "byte offset " + firstIdat,
            "IDAT data of at least " + ((raw + 1031) / 1032) + " bytes for " + width + "x"
                + height + " pixels", idatBytes + " bytes");
      }
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
      return new String(in.readNBytes(MAX_TEXT_BYTES), cs);
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
