package io.alloyflow.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A small baseline TIFF 6.0 decoder and encoder (Adobe, TIFF Revision 6.0, 1992) that exposes the
 * tags SEM vendors use for metadata, which {@code javax.imageio}'s TIFF plugin hides. Decoding:
 * classic TIFF, both byte orders, strips or tiles, chunky or planar, 8/16/32-bit integer and
 * 32/64-bit float samples, compression none, LZW (with horizontal predictor), Deflate and PackBits.
 * Every malformed structure is a {@link FormatException} naming the byte offset.
 */
final class TiffCodec {
  private TiffCodec() {}

  static final int TAG_WIDTH = 256;
  static final int TAG_HEIGHT = 257;
  static final int TAG_BITS = 258;
  static final int TAG_COMPRESSION = 259;
  static final int TAG_PHOTOMETRIC = 262;
  static final int TAG_DESCRIPTION = 270;
  static final int TAG_STRIP_OFFSETS = 273;
  static final int TAG_SAMPLES_PER_PIXEL = 277;
  static final int TAG_ROWS_PER_STRIP = 278;
  static final int TAG_STRIP_BYTE_COUNTS = 279;
  static final int TAG_XRES = 282;
  static final int TAG_YRES = 283;
  static final int TAG_PLANAR = 284;
  static final int TAG_RES_UNIT = 296;
  static final int TAG_PREDICTOR = 317;
  static final int TAG_COLORMAP = 320;
  static final int TAG_TILE_WIDTH = 322;
  static final int TAG_TILE_LENGTH = 323;
  static final int TAG_TILE_OFFSETS = 324;
  static final int TAG_TILE_BYTE_COUNTS = 325;
  static final int TAG_SAMPLE_FORMAT = 339;
  static final int TAG_ZEISS_SEM = 34118;
  static final int TAG_FEI_SFEG = 34680;
  static final int TAG_FEI_HELIOS = 34682;

  private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

  /** A decoded first image of a TIFF file. */
  record Decoded(
      int width,
      int height,
      int channels,
      int bits,
      boolean floating,
      int photometric,
      float[] samples,
      Map<Integer, String> texts,
      double xResolution,
      int resolutionUnit) {}

  private record Entry(int tag, int type, long count, int dataOffset, int entryOffset) {}

  private static final class Reader {
    final Path file;
    final ByteBuffer buf;
    final byte[] bytes; // null when probing a mapped file (no pixel decoding then)
    final int length;

    Reader(Path file, ByteBuffer src, ByteOrder order) {
      this.file = file;
      this.buf = src.duplicate().order(order);
      this.bytes = src.hasArray() && src.arrayOffset() == 0 ? src.array() : null;
      this.length = src.limit();
    }

    FormatException error(long offset, String expected, String found) {
      return new FormatException(file, "byte offset " + offset, expected, found);
    }

    void need(long offset, long n, String what) throws FormatException {
      if (offset < 0 || offset + n > length) {
        throw error(offset, what + " (" + n + " bytes)",
            offset < 0 ? "a negative offset" : "the file ends at byte " + length);
      }
    }
  }

  /** Largest expansion of one compressed byte: LZW 12-bit codes, Deflate 1032:1, PackBits 64:1. */
  private static long maxRatio(int compression) {
    return switch (compression) {
      case 5 -> 4096;
      case 8, 32946 -> 1032;
      case 32773 -> 64;
      default -> 1;
    };
  }

  /** Decodes the first image of a TIFF file held in memory, within the default limits. */
  static Decoded decode(Path file, byte[] bytes) throws FormatException {
    return decode(file, bytes, ReadLimits.DEFAULT);
  }

  /** Decodes the first image; declared sizes are checked against {@code limits} first. */
  static Decoded decode(Path file, byte[] bytes, ReadLimits limits) throws FormatException {
    return parse(file, ByteBuffer.wrap(bytes), limits, true);
  }

  /**
   * Reads the header and metadata tags of the first image without decoding pixels ({@code
   * samples} is null); {@code src} may be a mapped file.
   */
  static Decoded probe(Path file, ByteBuffer src, ReadLimits limits) throws FormatException {
    return parse(file, src, limits, false);
  }

  private static Decoded parse(Path file, ByteBuffer src, ReadLimits limits, boolean pixels)
      throws FormatException {
    if (src.limit() < 8) {
      throw new FormatException(
          file, "byte offset 0", "an 8-byte TIFF header", "a file of " + src.limit() + " bytes");
    }
    byte b0 = src.get(0);
    byte b1 = src.get(1);
    ByteOrder order;
    if (b0 == 'I' && b1 == 'I') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (b0 == 'M' && b1 == 'M') {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new FormatException(
          file, "byte offset 0", "TIFF byte-order mark 'II' or 'MM'",
          String.format("0x%02x%02x", b0 & 0xff, b1 & 0xff));
    }
    Reader r = new Reader(file, src, order);
    int magic = r.buf.getShort(2) & 0xffff;
    if (magic != 42) {
      throw r.error(2, "TIFF magic number 42 (classic TIFF; BigTIFF 43 is not supported)",
          Integer.toString(magic));
    }
    long ifd = r.buf.getInt(4) & 0xffffffffL;
    if (ifd < 8) {
      throw r.error(4, "a first-IFD offset >= 8", Long.toString(ifd));
    }
    r.need(ifd, 2, "the IFD entry count at the first-IFD offset");
    int n = r.buf.getShort((int) ifd) & 0xffff;
    if (n == 0) {
      throw r.error(ifd, "at least one IFD entry", "0 entries");
    }
    r.need(ifd + 2, 12L * n, n + " IFD entries");
    Map<Integer, Entry> entries = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int p = (int) ifd + 2 + 12 * i;
      int tag = r.buf.getShort(p) & 0xffff;
      int type = r.buf.getShort(p + 2) & 0xffff;
      long count = r.buf.getInt(p + 4) & 0xffffffffL;
      if (type < 1 || type >= TYPE_SIZE.length) {
        continue; // TIFF 6.0: readers skip fields of unknown type
      }
      long total = count * TYPE_SIZE[type];
      int dataOffset;
      if (total <= 4) {
        dataOffset = p + 8;
      } else {
        long off = r.buf.getInt(p + 8) & 0xffffffffL;
        if (off + total > r.length) {
          if (isRequired(tag)) {
            throw r.error(p, "tag " + tag + " values inside the file (" + total
                + " bytes at offset " + off + ")", "a file of " + r.length + " bytes");
          }
          continue; // a broken private tag does not prevent reading the image
        }
        dataOffset = (int) off;
      }
      entries.put(tag, new Entry(tag, type, count, dataOffset, p));
    }
    int width = (int) requireScalar(r, entries, TAG_WIDTH, "ImageWidth", ifd);
    int height = (int) requireScalar(r, entries, TAG_HEIGHT, "ImageLength", ifd);
    if (width <= 0 || height <= 0) {
      Entry e = entries.get(width <= 0 ? TAG_WIDTH : TAG_HEIGHT);
      throw r.error(e.entryOffset(), "a positive image size (tags 256, 257)",
          width + "x" + height);
    }
    int spp = (int) scalar(r, entries, TAG_SAMPLES_PER_PIXEL, 1);
    if (spp < 1 || spp > 16) {
      throw r.error(entries.get(TAG_SAMPLES_PER_PIXEL).entryOffset(),
          "1..16 samples per pixel (tag 277)", Integer.toString(spp));
    }
    limits.checkImage(file, "byte offset " + entries.get(TAG_WIDTH).entryOffset()
        + " (tags 256, 257, 277)", width, height, spp);
    long[] bitsArr = values(r, entries.get(TAG_BITS));
    int bits = bitsArr == null || bitsArr.length == 0 ? 1 : (int) bitsArr[0];
    if (bitsArr != null) {
      for (long b : bitsArr) {
        if (b != bits) {
          throw r.error(entries.get(TAG_BITS).entryOffset(),
              "the same bits per sample for every channel (tag 258)",
              "different values among " + bitsArr.length);
        }
      }
    }
    int sampleFormat = (int) scalar(r, entries, TAG_SAMPLE_FORMAT, 1);
    boolean floating = sampleFormat == 3;
    int bitsOffset = entries.containsKey(TAG_BITS) ? entries.get(TAG_BITS).entryOffset() : (int) ifd;
    if (floating ? (bits != 32 && bits != 64) : (bits != 8 && bits != 16 && bits != 32)) {
      throw r.error(bitsOffset,
          "8, 16 or 32 bits per integer sample or 32/64-bit float samples (tags 258, 339)",
          bits + " bits, sample format " + sampleFormat);
    }
    if (sampleFormat < 1 || sampleFormat > 4) {
      throw r.error(entries.get(TAG_SAMPLE_FORMAT).entryOffset(),
          "sample format 1 (unsigned), 2 (signed) or 3 (float) (tag 339)",
          Integer.toString(sampleFormat));
    }
    int compression = (int) scalar(r, entries, TAG_COMPRESSION, 1);
    if (compression != 1 && compression != 5 && compression != 8 && compression != 32946
        && compression != 32773) {
      throw r.error(entries.get(TAG_COMPRESSION).entryOffset(),
          "compression 1 (none), 5 (LZW), 8 (Deflate) or 32773 (PackBits) (tag 259)",
          Integer.toString(compression));
    }
    int predictor = (int) scalar(r, entries, TAG_PREDICTOR, 1);
    if (predictor != 1 && !(predictor == 2 && !floating)) {
      throw r.error(entries.get(TAG_PREDICTOR).entryOffset(),
          "predictor 1 (none) or 2 (horizontal differencing of integers) (tag 317)",
          Integer.toString(predictor));
    }
    int photometric = (int) scalar(r, entries, TAG_PHOTOMETRIC, spp >= 3 ? 2 : 1);
    if (photometric == 3) {
      throw r.error(entries.get(TAG_PHOTOMETRIC).entryOffset(),
          "a grayscale or RGB image (photometric 0, 1 or 2, tag 262)",
          "a palette (indexed colour) image");
    }
    if (photometric > 2) {
      throw r.error(entries.get(TAG_PHOTOMETRIC).entryOffset(),
          "photometric interpretation 0 (WhiteIsZero), 1 (BlackIsZero) or 2 (RGB) (tag 262)",
          Integer.toString(photometric));
    }
    int planar = (int) scalar(r, entries, TAG_PLANAR, 1);
    if (planar != 1 && planar != 2) {
      throw r.error(entries.get(TAG_PLANAR).entryOffset(),
          "planar configuration 1 or 2 (tag 284)", Integer.toString(planar));
    }
    Map<Integer, String> texts = new HashMap<>();
    for (int tag : new int[] {TAG_DESCRIPTION, TAG_FEI_HELIOS, TAG_FEI_SFEG, TAG_ZEISS_SEM}) {
      Entry e = entries.get(tag);
      if (e != null && TYPE_SIZE[e.type()] == 1) {
        byte[] t = new byte[(int) e.count()];
        r.buf.get(e.dataOffset(), t);
        texts.put(tag, new String(t, StandardCharsets.ISO_8859_1));
      }
    }
    double xres = Double.NaN;
    Entry xr = entries.get(TAG_XRES);
    if (xr != null && (xr.type() == 5 || xr.type() == 10) && xr.count() >= 1) {
      long num = r.buf.getInt(xr.dataOffset()) & 0xffffffffL;
      long den = r.buf.getInt(xr.dataOffset() + 4) & 0xffffffffL;
      xres = den == 0 ? Double.NaN : (double) num / den;
    } else if (xr != null && (xr.type() == 11 || xr.type() == 12) && xr.count() >= 1) {
      xres = xr.type() == 11 ? r.buf.getFloat(xr.dataOffset()) : r.buf.getDouble(xr.dataOffset());
    }
    int resUnit = (int) scalar(r, entries, TAG_RES_UNIT, 2);
    int bytesPerSample = bits / 8;
    int planes = planar == 2 ? spp : 1;
    int sppInChunk = planar == 2 ? 1 : spp;

    if (!pixels) {
      return new Decoded(width, height, spp, bits, floating, photometric, null, texts, xres,
          resUnit);
    }
    boolean tiled = entries.containsKey(TAG_TILE_OFFSETS);
    int chunkW;
    int chunkH;
    long[] offsets;
    long[] counts;
    int countsTag;
    if (tiled) {
      chunkW = (int) requireScalar(r, entries, TAG_TILE_WIDTH, "TileWidth", ifd);
      chunkH = (int) requireScalar(r, entries, TAG_TILE_LENGTH, "TileLength", ifd);
      if (chunkW <= 0 || chunkH <= 0) {
        throw r.error(entries.get(TAG_TILE_WIDTH).entryOffset(), "a positive tile size",
            chunkW + "x" + chunkH);
      }
      offsets = values(r, entries.get(TAG_TILE_OFFSETS));
      counts = values(r, entries.get(TAG_TILE_BYTE_COUNTS));
      countsTag = TAG_TILE_BYTE_COUNTS;
    } else {
      chunkW = width;
      long rps = scalar(r, entries, TAG_ROWS_PER_STRIP, height);
      chunkH = (int) Math.min(Math.max(rps, 1), height);
      Entry so = entries.get(TAG_STRIP_OFFSETS);
      if (so == null) {
        throw r.error(ifd, "tag 273 (StripOffsets) or tag 324 (TileOffsets) in the IFD",
            "neither");
      }
      offsets = values(r, so);
      counts = values(r, entries.get(TAG_STRIP_BYTE_COUNTS));
      countsTag = TAG_STRIP_BYTE_COUNTS;
    }
    int across = (int) (((long) width + chunkW - 1) / chunkW);
    int down = (int) (((long) height + chunkH - 1) / chunkH);
    long perPlane = (long) across * down;
    long expectedChunks = perPlane * planes;
    int offsetsEntry = entries.get(tiled ? TAG_TILE_OFFSETS : TAG_STRIP_OFFSETS).entryOffset();
    if (offsets.length < expectedChunks) {
      throw r.error(offsetsEntry, expectedChunks + (tiled ? " tile" : " strip") + " offsets",
          Integer.toString(offsets.length));
    }
    long chunkRowBytes = (long) chunkW * sppInChunk * bytesPerSample;
    long fullChunkBytes = Math.multiplyHigh(chunkRowBytes, chunkH) != 0
        || chunkRowBytes * chunkH < 0 ? Long.MAX_VALUE : chunkRowBytes * chunkH;
    if (counts == null) {
      if (compression != 1) {
        throw r.error(ifd, "tag " + countsTag + " (byte counts) for a compressed image",
            "no such tag");
      }
      counts = new long[(int) expectedChunks];
      java.util.Arrays.fill(counts, fullChunkBytes);
      if (!tiled) {
        for (int i = 0; i < expectedChunks; i++) {
          int row0 = (int) (i % perPlane) * chunkH;
          counts[i] = chunkRowBytes * Math.min(chunkH, height - row0);
        }
      }
    } else if (counts.length < expectedChunks) {
      throw r.error(entries.get(countsTag).entryOffset(), expectedChunks + " byte counts",
          Integer.toString(counts.length));
    }
    if (fullChunkBytes > Math.min(ReadLimits.MAX_ARRAY, limits.maxBytes())) {
      throw r.error(offsetsEntry, (tiled ? "tiles" : "strips") + " of at most "
          + Math.min(ReadLimits.MAX_ARRAY, limits.maxBytes()) + " bytes (read limit)",
          chunkW + "x" + chunkH + " pixels = " + fullChunkBytes + " bytes");
    }
    // every chunk inside the file, and enough compressed bytes for the declared pixels, before
    // the sample buffer is allocated
    long needTotal = 0;
    long haveTotal = 0;
    for (int ci = 0; ci < expectedChunks; ci++) {
      int inPlane = (int) (ci % perPlane);
      int cy = (inPlane / across) * chunkH;
      int rows = tiled ? chunkH : Math.min(chunkH, height - cy);
      long need = chunkRowBytes * rows;
      long off = offsets[ci];
      long cnt = counts[ci];
      if (off < 0 || cnt < 0 || off + cnt > r.length) {
        throw r.error(off, (tiled ? "tile " : "strip ") + ci + " of " + cnt
            + " bytes inside the file (offset from tag " + (tiled ? 324 : 273) + ")",
            "the file ends at byte " + r.length);
      }
      if (compression == 1 && cnt < need) {
        throw r.error(off + cnt, (tiled ? "tile " : "strip ") + ci + " of " + need
            + " bytes", cnt + " bytes (tag " + countsTag + ")");
      }
      needTotal += need;
      haveTotal += cnt;
    }
    if (haveTotal * maxRatio(compression) < needTotal) {
      throw r.error(offsetsEntry, needTotal + " bytes of pixel data, i.e. at least "
          + ((needTotal + maxRatio(compression) - 1) / maxRatio(compression))
          + " compressed bytes (compression " + compression + " expands at most "
          + maxRatio(compression) + "x)", haveTotal + " bytes in the file");
    }
    long total = (long) width * height * spp;
    float[] samples = new float[(int) total];
    for (int ci = 0; ci < expectedChunks; ci++) {
      int plane = (int) (ci / perPlane);
      int inPlane = (int) (ci % perPlane);
      int cx = (inPlane % across) * chunkW;
      int cy = (inPlane / across) * chunkH;
      int rows = tiled ? chunkH : Math.min(chunkH, height - cy);
      long need = chunkRowBytes * rows;
      long off = offsets[ci];
      long cnt = counts[ci];
      if (off < 0 || off + cnt > r.length) {
        throw r.error(off, (tiled ? "tile " : "strip ") + ci + " of " + cnt
            + " bytes inside the file (offset from tag " + (tiled ? 324 : 273) + ")",
            "the file ends at byte " + r.length);
      }
      byte[] raw;
      switch (compression) {
        case 1 -> {
          if (cnt < need) {
            throw r.error(off + cnt, (tiled ? "tile " : "strip ") + ci + " of " + need
                + " bytes", cnt + " bytes (tag " + countsTag + ")");
          }
          raw = new byte[(int) need];
          r.buf.get((int) off, raw);
        }
        case 5 -> raw = lzw(r, (int) off, (int) cnt, (int) need);
        case 8, 32946 -> raw = inflate(r, (int) off, (int) cnt, (int) need);
        default -> raw = packBits(r, (int) off, (int) cnt, (int) need);
      }
      if (raw.length < need) {
        throw r.error(off, "a chunk decompressing to " + need + " bytes",
            raw.length + " bytes");
      }
      ByteBuffer cb = ByteBuffer.wrap(raw).order(order);
      if (predictor == 2) {
        undoPredictor(cb, chunkW, rows, sppInChunk, bytesPerSample);
      }
      for (int y = 0; y < rows; y++) {
        int iy = cy + y;
        if (iy >= height) {
          break;
        }
        for (int x = 0; x < chunkW; x++) {
          int ix = cx + x;
          if (ix >= width) {
            break;
          }
          for (int s = 0; s < sppInChunk; s++) {
            int pos = (int) (((long) y * chunkW + x) * sppInChunk + s) * bytesPerSample;
            float v = sample(cb, pos, bits, sampleFormat);
            int c = planar == 2 ? plane : s;
            samples[((iy * width) + ix) * spp + c] = v;
          }
        }
      }
    }
    if (photometric == 0 && !floating) {
      float max = (float) ((1L << bits) - 1);
      for (int i = 0; i < samples.length; i++) {
        samples[i] = max - samples[i];
      }
    }
    return new Decoded(width, height, spp, bits, floating, photometric, samples, texts, xres,
        resUnit);
  }

  private static boolean isRequired(int tag) {
    return tag == TAG_BITS || tag == TAG_STRIP_OFFSETS || tag == TAG_STRIP_BYTE_COUNTS
        || tag == TAG_TILE_OFFSETS || tag == TAG_TILE_BYTE_COUNTS;
  }

  private static float sample(ByteBuffer b, int pos, int bits, int format) {
    switch (bits) {
      case 8:
        return format == 2 ? b.get(pos) : (b.get(pos) & 0xff);
      case 16:
        return format == 2 ? b.getShort(pos) : (b.getShort(pos) & 0xffff);
      case 32:
        if (format == 3) {
          return b.getFloat(pos);
        }
        return format == 2 ? b.getInt(pos) : (float) (b.getInt(pos) & 0xffffffffL);
      default:
        return (float) b.getDouble(pos);
    }
  }

  private static void undoPredictor(ByteBuffer b, int w, int rows, int spp, int bps) {
    for (int y = 0; y < rows; y++) {
      for (int x = 1; x < w; x++) {
        for (int s = 0; s < spp; s++) {
          int pos = ((y * w + x) * spp + s) * bps;
          int prev = pos - spp * bps;
          if (bps == 1) {
            b.put(pos, (byte) (b.get(pos) + b.get(prev)));
          } else if (bps == 2) {
            b.putShort(pos, (short) (b.getShort(pos) + b.getShort(prev)));
          } else {
            b.putInt(pos, b.getInt(pos) + b.getInt(prev));
          }
        }
      }
    }
  }

  private static long[] values(Reader r, Entry e) throws FormatException {
    if (e == null) {
      return null;
    }
    if (e.count() > Integer.MAX_VALUE / 8) {
      throw r.error(e.entryOffset(), "a sane value count for tag " + e.tag(),
          Long.toString(e.count()));
    }
    long[] out = new long[(int) e.count()];
    for (int i = 0; i < out.length; i++) {
      int p = e.dataOffset() + i * TYPE_SIZE[e.type()];
      switch (e.type()) {
        case 1, 7 -> out[i] = r.buf.get(p) & 0xff;
        case 6 -> out[i] = r.buf.get(p);
        case 3 -> out[i] = r.buf.getShort(p) & 0xffff;
        case 8 -> out[i] = r.buf.getShort(p);
        case 4, 13 -> out[i] = r.buf.getInt(p) & 0xffffffffL;
        case 9 -> out[i] = r.buf.getInt(p);
        default -> throw r.error(e.entryOffset(),
            "an integer type (BYTE, SHORT or LONG) for tag " + e.tag(), "type " + e.type());
      }
    }
    return out;
  }

  private static long scalar(Reader r, Map<Integer, Entry> entries, int tag, long dflt)
      throws FormatException {
    Entry e = entries.get(tag);
    if (e == null || e.count() == 0) {
      return dflt;
    }
    return values(r, e)[0];
  }

  private static long requireScalar(
      Reader r, Map<Integer, Entry> entries, int tag, String name, long ifd)
      throws FormatException {
    Entry e = entries.get(tag);
    if (e == null || e.count() == 0) {
      throw r.error(ifd, "tag " + tag + " (" + name + ") in the IFD", "no such tag");
    }
    return values(r, e)[0];
  }

  private static byte[] inflate(Reader r, int off, int cnt, int need) throws FormatException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(r.buf.array(), off, cnt);
      byte[] out = new byte[need];
      int n = 0;
      while (n < need && !inf.finished()) {
        int k = inf.inflate(out, n, need - n);
        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n < need) {
        throw r.error(off, "a Deflate stream of " + need + " bytes", n + " bytes");
      }
      return out;
    } catch (DataFormatException e) {
      throw r.error(off, "a valid Deflate (zlib) stream", "corrupt data: " + e.getMessage());
    } finally {
      inf.end();
    }
  }

  private static byte[] packBits(Reader r, int off, int cnt, int need) throws FormatException {
    byte[] in = r.buf.array();
    byte[] out = new byte[need];
    int o = 0;
    int i = off;
    int end = off + cnt;
    while (o < need && i < end) {
      int n = in[i++];
      if (n >= 0) {
        int len = n + 1;
        if (i + len > end || o + len > need) {
          throw r.error(i - 1, "a PackBits literal run inside the strip", "a run past its end");
        }
        System.arraycopy(in, i, out, o, len);
        i += len;
        o += len;
      } else if (n != -128) {
        int len = -n + 1;
        if (i >= end || o + len > need) {
          throw r.error(i - 1, "a PackBits repeat run inside the strip", "a run past its end");
        }
        java.util.Arrays.fill(out, o, o + len, in[i++]);
        o += len;
      }
    }
    if (o < need) {
      throw r.error(off, "PackBits data decoding to " + need + " bytes", o + " bytes");
    }
    return out;
  }

  /** TIFF 6.0 section 13 LZW (MSB-first codes, early change). */
  private static byte[] lzw(Reader r, int off, int cnt, int need) throws FormatException {
    byte[] in = r.buf.array();
    byte[] out = new byte[need];
    int o = 0;
    byte[][] table = new byte[4096][];
    for (int i = 0; i < 256; i++) {
      table[i] = new byte[] {(byte) i};
    }
    int next = 258;
    int codeLen = 9;
    long bitPos = 0;
    long bitEnd = (long) cnt * 8;
    byte[] prev = null;
    while (o < need) {
      if (bitPos + codeLen > bitEnd) {
        break;
      }
      int code = 0;
      for (int k = 0; k < codeLen; k++) {
        long bp = bitPos + k;
        int bit = (in[off + (int) (bp >> 3)] >> (7 - (int) (bp & 7))) & 1;
        code = (code << 1) | bit;
      }
      bitPos += codeLen;
      if (code == 257) {
        break;
      }
      if (code == 256) {
        next = 258;
        codeLen = 9;
        prev = null;
        continue;
      }
      byte[] entry;
      if (code < next && table[code] != null) {
        entry = table[code];
        if (prev != null && next < 4096) {
          byte[] ne = java.util.Arrays.copyOf(prev, prev.length + 1);
          ne[prev.length] = entry[0];
          table[next++] = ne;
        }
      } else if (code == next && prev != null) {
        entry = java.util.Arrays.copyOf(prev, prev.length + 1);
        entry[prev.length] = prev[0];
        if (next < 4096) {
          table[next++] = entry;
        }
      } else {
        throw r.error(off + (bitPos >> 3), "a valid LZW code (< " + next + ")",
            Integer.toString(code));
      }
      int len = Math.min(entry.length, need - o);
      System.arraycopy(entry, 0, out, o, len);
      o += len;
      prev = entry;
      if (next + 1 >= (1 << codeLen) && codeLen < 12) {
        codeLen++;
      }
    }
    if (o < need) {
      throw r.error(off, "LZW data decoding to " + need + " bytes", o + " bytes");
    }
    return out;
  }

  // ---------------------------------------------------------------- writing

  /**
   * Encodes one uncompressed single-channel image, little-endian, one strip.
   *
   * @param samples row-major samples, already validated for the bit depth
   * @param bits 8, 16 or 32 (32 = IEEE float, sample format 3)
   * @param pixelSizeM pixel size, NaN to omit resolution tags
   * @param description ImageDescription text (ASCII)
   */
  static byte[] encodeGray(
      int width, int height, float[] samples, int bits, double pixelSizeM, String description) {
    boolean res = !Double.isNaN(pixelSizeM);
    byte[] desc = (description + "\0").getBytes(StandardCharsets.ISO_8859_1);
    int nTags = 11 + (res ? 3 : 0);
    int ifdSize = 2 + 12 * nTags + 4;
    int descOff = 8 + ifdSize;
    int ratOff = descOff + desc.length + (desc.length & 1);
    int dataOff = ratOff + (res ? 16 : 0);
    int bps = bits / 8;
    long dataLen = (long) width * height * bps;
    ByteBuffer b = ByteBuffer.allocate((int) (dataOff + dataLen)).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) nTags);
    entry(b, TAG_WIDTH, 4, 1, width);
    entry(b, TAG_HEIGHT, 4, 1, height);
    entry(b, TAG_BITS, 3, 1, bits);
    entry(b, TAG_COMPRESSION, 3, 1, 1);
    entry(b, TAG_PHOTOMETRIC, 3, 1, 1);
    entry(b, TAG_DESCRIPTION, 2, desc.length, descOff);
    entry(b, TAG_STRIP_OFFSETS, 4, 1, dataOff);
    entry(b, TAG_SAMPLES_PER_PIXEL, 3, 1, 1);
    entry(b, TAG_ROWS_PER_STRIP, 4, 1, height);
    entry(b, TAG_STRIP_BYTE_COUNTS, 4, 1, (int) dataLen);
    long[] rational = null;
    if (res) {
      rational = Rationals.approximate(0.01 / pixelSizeM);
      entry(b, TAG_XRES, 5, 1, ratOff);
      entry(b, TAG_YRES, 5, 1, ratOff + 8);
      entry(b, TAG_RES_UNIT, 3, 1, 3);
    }
    entry(b, TAG_SAMPLE_FORMAT, 3, 1, bits == 32 ? 3 : 1);
    b.putInt(0);
    b.position(descOff);
    b.put(desc);
    if (res) {
      b.position(ratOff);
      for (int i = 0; i < 2; i++) {
        b.putInt((int) rational[0]).putInt((int) rational[1]);
      }
    }
    b.position(dataOff);
    for (float v : samples) {
      switch (bits) {
        case 8 -> b.put((byte) Math.round(v));
        case 16 -> b.putShort((short) Math.round(v));
        default -> b.putFloat(v);
      }
    }
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3 && count == 1) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }

}
