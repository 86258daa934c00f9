package io.alloyflow.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds hand-made classic TIFF files (any byte order, any tags) for decoder tests. */
final class TiffBuilder {
  private final ByteOrder order;
  private final List<Object[]> tags = new ArrayList<>();
  private byte[] pixelData = new byte[0];
  private int stripBytes = 0;

  /** Splits the pixel data into strips of this many bytes (written as 273/279 arrays). */
  TiffBuilder stripBytes(int n) {
    this.stripBytes = n;
    return this;
  }

  TiffBuilder(ByteOrder order) {
    this.order = order;
  }

  /** An integer field (type 3 SHORT or 4 LONG). */
  TiffBuilder tag(int tag, int type, long... values) {
    tags.add(new Object[] {tag, type, values});
    return this;
  }

  /** An ASCII (type 2) or BYTE/UNDEFINED field holding text. */
  TiffBuilder text(int tag, int type, String text) {
    tags.add(new Object[] {tag, type, (text + "\0").getBytes(StandardCharsets.ISO_8859_1)});
    return this;
  }

  /** A RATIONAL field. */
  TiffBuilder rational(int tag, long num, long den) {
    tags.add(new Object[] {tag, 5, new long[] {num, den}});
    return this;
  }

  /** Pixel bytes appended after the IFD; tag 273 gets offset + byte count automatically. */
  TiffBuilder pixels(byte[] data) {
    this.pixelData = data;
    return this;
  }

  byte[] build() {
    tags.sort(Comparator.comparingInt(t -> (Integer) t[0]));
    boolean strip = tags.stream().noneMatch(t -> (Integer) t[0] == 273);
    int n = tags.size() + (strip ? 2 : 0);
    int ifdSize = 2 + 12 * n + 4;
    int extraOff = 8 + ifdSize;
    ByteArrayOutputStream extra = new ByteArrayOutputStream();
    ByteBuffer ifd = ByteBuffer.allocate(ifdSize).order(order);
    ifd.putShort((short) n);
    List<Object[]> all = new ArrayList<>(tags);
    int nStrips = 1;
    if (strip) {
      int sb = stripBytes > 0 ? stripBytes : Math.max(1, pixelData.length);
      nStrips = Math.max(1, (pixelData.length + sb - 1) / sb);
      long[] counts = new long[nStrips];
      for (int i = 0; i < nStrips; i++) {
        counts[i] = Math.min(sb, pixelData.length - (long) i * sb);
      }
      all.add(new Object[] {273, 4, new long[nStrips]});
      all.add(new Object[] {279, 4, counts});
      all.sort(Comparator.comparingInt(t -> (Integer) t[0]));
    }
    List<Integer> stripEntryPos = new ArrayList<>();
    for (Object[] t : all) {
      int tag = (Integer) t[0];
      int type = (Integer) t[1];
      byte[] payload;
      long count;
      if (t[2] instanceof byte[] bytes) {
        payload = bytes;
        count = bytes.length;
      } else {
        long[] v = (long[]) t[2];
        int size = type == 3 ? 2 : 4;
        ByteBuffer p = ByteBuffer.allocate(v.length * size).order(order);
        for (long x : v) {
          if (type == 3) {
            p.putShort((short) x);
          } else {
            p.putInt((int) x);
          }
        }
        payload = p.array();
        count = type == 5 ? v.length / 2 : v.length;
      }
      ifd.putShort((short) tag).putShort((short) type).putInt((int) count);
      if (tag == 273 && strip) {
        if (nStrips == 1) {
          stripEntryPos.add(ifd.position());
          ifd.putInt(0);
        } else {
          stripEntryPos.add(-(extraOff + extra.size()) - 1);
          ifd.putInt(extraOff + extra.size());
          extra.writeBytes(payload);
        }
      } else if (payload.length <= 4) {
        byte[] four = new byte[4];
        System.arraycopy(payload, 0, four, 0, payload.length);
        ifd.put(four);
      } else {
        ifd.putInt(extraOff + extra.size());
        extra.writeBytes(payload);
        if ((extra.size() & 1) == 1) {
          extra.write(0);
        }
      }
    }
    ifd.putInt(0);
    int pixelOff = extraOff + extra.size();
    byte[] extraBytes = extra.toByteArray();
    for (int pos : stripEntryPos) {
      if (pos >= 0) {
        ifd.putInt(pos, pixelOff);
      } else {
        int at = -pos - 1 - extraOff;
        ByteBuffer eb = ByteBuffer.wrap(extraBytes).order(order);
        int sb = stripBytes > 0 ? stripBytes : pixelData.length;
        for (int i = 0; i < nStrips; i++) {
          eb.putInt(at + 4 * i, pixelOff + i * sb);
        }
      }
    }
    ByteBuffer head = ByteBuffer.allocate(8).order(order);
    head.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    head.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    head.putShort((short) 42).putInt(8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.array());
    out.writeBytes(ifd.array());
    out.writeBytes(extraBytes);
    out.writeBytes(pixelData);
    return out.toByteArray();
  }

  /** 16-bit samples in the builder's byte order. */
  byte[] shorts(int... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 2).order(order);
    for (int x : v) {
      b.putShort((short) x);
    }
    return b.array();
  }
}
