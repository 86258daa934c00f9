package io.alloyflow.core.io.hspy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal HDF5 writer for HyperSpy files: superblock version 0, version-1 object headers,
 * groups with compact link storage (Link Info, Group Info and Link messages), scalar attributes
 * (64-bit integers and floats, UTF-8 strings, numpy-style booleans) and contiguous little-endian float32 datasets.
 * Written after the HDF5 File Format Specification 3.0 (The HDF Group), sections II.A
 * (superblock), IV.A.1.a (version 1 object headers) and IV.A.2 (messages). jHDF 0.9.4 and 0.10.0
 * were tried first: their files are unreadable by the HDF5 library (h5py) as soon as a group holds
 * both a dataset and a subgroup, which HyperSpy's layout needs.
 */
final class Hdf5Writer {
  private static final long UNDEF = -1L;

  /** A group: attributes and ordered children (groups or datasets). */
  static final class Group {
    final Map<String, Object> attrs = new LinkedHashMap<>();
    final Map<String, Object> children = new LinkedHashMap<>();
    long address;

    Group group(String name) {
      return (Group) children.computeIfAbsent(name, k -> new Group());
    }
  }

  /** A float32 dataset in C order. */
  static final class Dataset {
    final float[] data;
    final long[] dims;
    long address;
    long dataAddress;

    Dataset(float[] data, long[] dims) {
      this.data = data;
      this.dims = dims;
    }
  }

  private Hdf5Writer() {}

  /** Writes the tree rooted at {@code root} to {@code path}. */
  static void write(Group root, Path path) throws IOException {
    List<Object> order = new ArrayList<>();
    collect(root, order);
    long pos = 96;
    for (Object o : order) {
      long size = header(o).length;
      if (o instanceof Group g) {
        g.address = pos;
      } else {
        ((Dataset) o).address = pos;
      }
      pos += size;
    }
    for (Object o : order) {
      if (o instanceof Dataset d) {
        pos = (pos + 7) & ~7L;
        d.dataAddress = pos;
        pos += 4L * d.data.length;
      }
    }
    long eof = pos;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer sb = le(96);
      sb.put(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
      sb.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
      sb.put((byte) 8).put((byte) 8).put((byte) 0);
      sb.putShort((short) 4).putShort((short) 16).putInt(0);
      sb.putLong(0).putLong(UNDEF).putLong(eof).putLong(UNDEF);
      sb.putLong(0).putLong(root.address).putInt(0).putInt(0).putLong(0).putLong(0);
      writeFully(ch, sb.flip(), 0);
      for (Object o : order) {
        long at = o instanceof Group g ? g.address : ((Dataset) o).address;
        writeFully(ch, ByteBuffer.wrap(header(o)), at);
      }
      for (Object o : order) {
        if (o instanceof Dataset d) {
          int chunk = 1 << 20;
          for (int i = 0; i < d.data.length; i += chunk) {
            int n = Math.min(chunk, d.data.length - i);
            ByteBuffer b = le(4 * n);
            b.asFloatBuffer().put(d.data, i, n);
            writeFully(ch, b, d.dataAddress + 4L * i);
          }
        }
      }
      if (ch.size() < eof) {
        writeFully(ch, ByteBuffer.wrap(new byte[] {0}), eof - 1);
      }
    }
  }

  private static void collect(Object node, List<Object> out) {
    out.add(node);
    if (node instanceof Group g) {
      for (Object c : g.children.values()) {
        collect(c, out);
      }
    }
  }

  /** The object header of a group or dataset (addresses must be assigned for links). */
  private static byte[] header(Object node) {
    List<byte[]> msgs = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    Map<String, Object> attrs;
    if (node instanceof Group g) {
      ByteBuffer li = le(18);
      li.put((byte) 0).put((byte) 0).putLong(UNDEF).putLong(UNDEF);
      add(msgs, types, 0x02, li.array());
      add(msgs, types, 0x0A, new byte[] {0, 0});
      for (Map.Entry<String, Object> c : g.children.entrySet()) {
        byte[] name = c.getKey().getBytes(StandardCharsets.US_ASCII);
        if (name.length > 255) {
          throw new IllegalArgumentException("HDF5 link name longer than 255 bytes");
        }
        long addr = c.getValue() instanceof Group cg ? cg.address : ((Dataset) c.getValue()).address;
        ByteBuffer l = le(3 + name.length + 8);
        l.put((byte) 1).put((byte) 0).put((byte) name.length).put(name).putLong(addr);
        add(msgs, types, 0x06, l.array());
      }
      attrs = g.attrs;
    } else {
      Dataset d = (Dataset) node;
      add(msgs, types, 0x01, dataspace(d.dims));
      add(msgs, types, 0x03, float32());
      add(msgs, types, 0x05, new byte[] {2, 2, 0, 0});
      ByteBuffer lay = le(18);
      lay.put((byte) 3).put((byte) 1).putLong(d.dataAddress).putLong(4L * d.data.length);
      add(msgs, types, 0x08, lay.array());
      attrs = Map.of();
    }
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      add(msgs, types, 0x0C, attribute(a.getKey(), a.getValue()));
    }
    int size = 0;
    for (byte[] m : msgs) {
      size += 8 + pad8(m.length);
    }
    ByteBuffer h = le(16 + size);
    h.put((byte) 1).put((byte) 0).putShort((short) msgs.size()).putInt(1).putInt(size).putInt(0);
    for (int i = 0; i < msgs.size(); i++) {
      byte[] m = msgs.get(i);
      h.putShort((short) (int) types.get(i)).putShort((short) pad8(m.length)).put((byte) 0)
          .put(new byte[3]).put(m).put(new byte[pad8(m.length) - m.length]);
    }
    return h.array();
  }

  private static void add(List<byte[]> msgs, List<Integer> types, int type, byte[] body) {
    msgs.add(body);
    types.add(type);
  }

  private static byte[] dataspace(long[] dims) {
    ByteBuffer b = le(8 + 8 * dims.length);
    b.put((byte) 1).put((byte) dims.length).put((byte) 0).put((byte) 0).putInt(0);
    for (long d : dims) {
      b.putLong(d);
    }
    return b.array();
  }

  private static byte[] scalarSpace() {
    return new byte[] {2, 0, 0, 0}; // version 2, rank 0, no max, type scalar
  }

  private static byte[] float32() {
    ByteBuffer b = le(20);
    b.put((byte) 0x11).put((byte) 0x20).put((byte) 31).put((byte) 0).putInt(4);
    b.putShort((short) 0).putShort((short) 32).put((byte) 23).put((byte) 8).put((byte) 0)
        .put((byte) 23).putInt(127);
    return b.array();
  }

  private static byte[] float64() {
    ByteBuffer b = le(20);
    b.put((byte) 0x11).put((byte) 0x20).put((byte) 63).put((byte) 0).putInt(8);
    b.putShort((short) 0).putShort((short) 64).put((byte) 52).put((byte) 11).put((byte) 0)
        .put((byte) 52).putInt(1023);
    return b.array();
  }

  private static byte[] int64() {
    ByteBuffer b = le(12);
    b.put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(8);
    b.putShort((short) 0).putShort((short) 64);
    return b.array();
  }

  /** numpy's boolean as h5py stores it: an 8-bit enum FALSE = 0, TRUE = 1. */
  private static byte[] bool8() {
    ByteBuffer b = le(38);
    b.put((byte) 0x18).put((byte) 2).put((byte) 0).put((byte) 0).putInt(1);
    b.put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(1)
        .putShort((short) 0).putShort((short) 8);
    b.put("FALSE".getBytes(StandardCharsets.US_ASCII)).put(new byte[3]);
    b.put("TRUE".getBytes(StandardCharsets.US_ASCII)).put(new byte[4]);
    b.put((byte) 0).put((byte) 1);
    return b.array();
  }

  private static byte[] string(int size) {
    ByteBuffer b = le(8);
    b.put((byte) 0x13).put((byte) 0x10).put((byte) 0).put((byte) 0).putInt(size); // UTF-8
    return b.array();
  }

  private static byte[] attribute(String name, Object value) {
    byte[] type;
    byte[] data;
    if (value instanceof Double || value instanceof Float) {
      type = float64();
      data = le(8).putDouble(((Number) value).doubleValue()).array();
    } else if (value instanceof Number n) {
      type = int64();
      data = le(8).putLong(n.longValue()).array();
    } else if (value instanceof Boolean bo) {
      type = bool8();
      data = new byte[] {(byte) (bo ? 1 : 0)};
    } else {
      byte[] s = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
      data = java.util.Arrays.copyOf(s, s.length + 1);
      type = string(data.length);
    }
    byte[] space = scalarSpace();
    byte[] nm = name.getBytes(StandardCharsets.UTF_8);
    int nameSize = nm.length + 1;
    ByteBuffer b = le(8 + pad8(nameSize) + pad8(type.length) + pad8(space.length) + data.length);
    b.put((byte) 1).put((byte) 0).putShort((short) nameSize).putShort((short) type.length)
        .putShort((short) space.length);
    b.put(nm).put(new byte[pad8(nameSize) - nm.length]);
    b.put(type).put(new byte[pad8(type.length) - type.length]);
    b.put(space).put(new byte[pad8(space.length) - space.length]);
    b.put(data);
    return b.array();
  }

  private static int pad8(int n) {
    return (n + 7) & ~7;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long p = at;
    while (b.hasRemaining()) {
      p += ch.write(b, p);
    }
  }
}
