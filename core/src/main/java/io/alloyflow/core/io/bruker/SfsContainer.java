package io.alloyflow.core.io.bruker;

import io.alloyflow.core.io.FormatException;
import io.alloyflow.core.io.ReadLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Bruker's SFS container ("AAMVHFSS"): a file system in fixed-size chunks. The header gives the
 * chunk size and the chunk holding the file tree (512-byte items: pointer to the item's pointer
 * table, size, times, parent index, directory flag, name); each file's pointer table lists the
 * chunks holding its bytes (the first 32 bytes of every chunk are the chain header, the rest
 * data). Files may be zlib-compressed in blocks ("AACS" signature, then from byte 0x80 blocks of a
 * 16-byte header whose first word is the compressed size, followed by a zlib stream).
 */
public final class SfsContainer implements AutoCloseable {
  private static final byte[] SIGNATURE = "AAMVHFSS".getBytes(StandardCharsets.US_ASCII);
  private static final int ITEM = 0x200;

  private final Path path;
  private final FileChannel ch;
  private final long fileSize;
  private final int chunkSize;
  private final int usable;
  private final Map<String, Item> files = new LinkedHashMap<>();
  private final ReadLimits limits;
  private boolean compressed;

  private record Item(String name, int parent, boolean dir, long size, long[] pointers) {}

  private SfsContainer(Path path, FileChannel ch, ReadLimits limits) throws IOException {
    this.path = path;
    this.ch = ch;
    this.limits = limits;
    this.fileSize = ch.size();
    ByteBuffer sig = read(0, (int) Math.min(SIGNATURE.length, fileSize), "the signature");
    boolean ok = fileSize >= 0x150;
    for (int i = 0; ok && i < SIGNATURE.length; i++) {
      ok = sig.get(i) == SIGNATURE[i];
    }
    if (!ok) {
      throw new FormatException(path, "byte offset 0",
          "a Bruker BCF file (an SFS container starting with AAMVHFSS)", "another file type");
    }
    ByteBuffer head = read(0, 0x150, "the SFS header");
    chunkSize = head.getInt(0x128);
    if (chunkSize <= 0x138 || chunkSize > (1 << 24)) {
      throw new FormatException(path, "byte offset 0x128", "a chunk size of 0x138..16 MiB bytes",
          "" + chunkSize);
    }
    usable = chunkSize - 32;
    long treeAddress = Integer.toUnsignedLong(head.getInt(0x140));
    long nItems = Integer.toUnsignedLong(head.getInt(0x144));
    if (nItems > 1_000_000 || nItems * ITEM > fileSize) {
      throw new FormatException(path, "byte offset 0x144", "a file-tree item count that fits in"
          + " the file", "" + nItems);
    }
    // the tree holds whole 512-byte items per chunk
    byte[] tree = readChain(treeAddress, (int) (nItems * ITEM), "the file tree",
        usable / ITEM * ITEM);
    List<Item> items = new ArrayList<>();
    ByteBuffer t = ByteBuffer.wrap(tree).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < nItems; i++) {
      int base = i * ITEM;
      long pointerTable = Integer.toUnsignedLong(t.getInt(base));
      long size = t.getLong(base + 4);
      int parent = t.getInt(base + 0x28);
      boolean dir = t.get(base + 0xDC) != 0;
      int end = base + 0xE0;
      while (end < base + 0xE0 + 256 && tree[end] != 0) {
        end++;
      }
      String name = new String(tree, base + 0xE0, end - base - 0xE0, StandardCharsets.UTF_8);
      if (size < 0 || size > fileSize * 1100L + (1 << 20)) {
        throw new FormatException(path, "file-tree item " + i, "a plausible file size",
            "" + size);
      }
      long[] pointers = dir ? new long[0] : pointerTable(pointerTable, size, name);
      items.add(new Item(name, parent, dir, size, pointers));
    }
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      if (it.dir()) {
        continue;
      }
      StringBuilder p = new StringBuilder(it.name());
      int parent = it.parent();
      for (int depth = 0; parent >= 0 && depth < 64; depth++) {
        if (parent >= items.size()) {
          throw new FormatException(path, "file-tree item " + i, "a parent index below "
              + items.size(), "" + parent);
        }
        p.insert(0, items.get(parent).name() + "/");
        parent = items.get(parent).parent();
      }
      files.put(p.toString(), it);
    }
    for (Item it : files.values()) {
      if (it.size() >= 4 && it.pointers().length > 0) {
        ByteBuffer first = read(it.pointers()[0], 4, "the first block of " + it.name());
        compressed = first.getInt(0) == 0x53434141; // "AACS"
        break;
      }
    }
  }

  /** Opens a container; throws a one-line {@link FormatException} if it is not one. */
  public static SfsContainer open(Path path, ReadLimits limits) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new FormatException(path, "path", "a regular file", "no such file or not a file");
    }
    if (Files.size(path) > limits.maxBytes()) {
      throw new FormatException(path, "file size", "at most " + limits.maxBytes() + " bytes"
          + " (read limit)", Files.size(path) + " bytes");
    }
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new SfsContainer(path, ch, limits);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Paths of the files in the container, e.g. {@code EDSDatabase/HeaderData}. */
  public List<String> files() {
    return List.copyOf(files.keySet());
  }

  /** Whether the files are stored zlib-compressed. */
  public boolean compressed() {
    return compressed;
  }

  /** Whether the container holds a file. */
  public boolean has(String name) {
    return files.containsKey(name);
  }

  /** The (decompressed) bytes of a file. */
  public byte[] bytes(String name) throws IOException {
    Item it = files.get(name);
    if (it == null) {
      throw new FormatException(path, "file tree", "a file " + name, "none (files: "
          + files.keySet() + ")");
    }
    if (!compressed) {
      return piece(it, 0, (int) Math.min(it.size(), Integer.MAX_VALUE - 16));
    }
    ByteBuffer h = ByteBuffer.wrap(piece(it, 0, 16)).order(ByteOrder.LITTLE_ENDIAN);
    if (h.getInt(0) != 0x53434141) {
      throw new FormatException(path, name, "the compression signature AACS", "none");
    }
    long uncompressedBlock = Integer.toUnsignedLong(h.getInt(4));
    long blocks = Integer.toUnsignedLong(h.getInt(12));
    if (uncompressedBlock * blocks > limits.maxBytes()) {
      throw new FormatException(path, name, "at most " + limits.maxBytes()
          + " uncompressed bytes (read limit)", uncompressedBlock * blocks + " bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(
        uncompressedBlock * blocks, 1 << 26));
    long offset = 0x80;
    Inflater inf = new Inflater();
    try {
      byte[] buf = new byte[1 << 16];
      for (long b = 0; b < blocks; b++) {
        ByteBuffer bh = ByteBuffer.wrap(piece(it, offset, 16)).order(ByteOrder.LITTLE_ENDIAN);
        long size = Integer.toUnsignedLong(bh.getInt(0));
        offset += 16;
        if (size > it.size() - offset) {
          throw new FormatException(path, name + " block " + b, "a compressed size inside the"
              + " file", "" + size);
        }
        byte[] z = piece(it, offset, (int) size);
        offset += size;
        inf.reset();
        inf.setInput(z);
        long got = 0;
        while (!inf.finished()) {
          int k = inf.inflate(buf);
          if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
            break;
          }
          out.write(buf, 0, k);
          got += k;
          if (got > uncompressedBlock + 16) {
            throw new FormatException(path, name + " block " + b, "at most " + uncompressedBlock
                + " bytes after decompression", "more");
          }
        }
      }
    } catch (DataFormatException e) {
      throw new FormatException(path, name, "zlib-compressed blocks", "corrupt data", e);
    } finally {
      inf.end();
    }
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }

  private long[] pointerTable(long first, long size, String name) throws IOException {
    long nChunks = (size + usable - 1) / usable;
    if (nChunks * 4 > fileSize) {
      throw new FormatException(path, "item " + name, "a size that fits in the file", size
          + " bytes");
    }
    byte[] table = readChain(first, (int) (nChunks * 4), "the pointer table of " + name, usable);
    ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
    long[] p = new long[(int) nChunks];
    for (int i = 0; i < p.length; i++) {
      p[i] = Integer.toUnsignedLong(b.getInt(4 * i)) * chunkSize + 0x138;
      if (p[i] + Math.min(usable, size) > fileSize + usable) {
        throw new FormatException(path, "item " + name, "chunk pointers inside the file",
            "chunk " + (p[i] / chunkSize));
      }
    }
    return p;
  }

  /** Data of a chain of chunks (each chunk: header with next pointer at 0x118 - 0x138 base). */
  private byte[] readChain(long chunk, int length, String what, int perChunk)
      throws IOException {
    byte[] out = new byte[length];
    int done = 0;
    long next = chunk;
    for (int guard = 0; done < length; guard++) {
      if (guard > fileSize / chunkSize + 1) {
        throw new FormatException(path, what, "a chain of chunks", "a loop");
      }
      long at = next * chunkSize + 0x118;
      ByteBuffer h = read(at, 4, what);
      long following = Integer.toUnsignedLong(h.getInt(0));
      int n = Math.min(perChunk, length - done);
      ByteBuffer d = read(at + 32, n, what);
      d.get(out, done, n);
      done += n;
      next = following;
    }
    return out;
  }

  private byte[] piece(Item it, long offset, int length) throws IOException {
    if (offset < 0 || offset + length > it.size()) {
      throw new FormatException(path, it.name(), "a read inside the file's " + it.size()
          + " bytes", "offset " + offset + " length " + length);
    }
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      long pos = offset + done;
      int idx = (int) (pos / usable);
      int within = (int) (pos % usable);
      int n = Math.min(usable - within, length - done);
      ByteBuffer d = read(it.pointers()[idx] + within, n, it.name());
      d.get(out, done, n);
      done += n;
    }
    return out;
  }

  private ByteBuffer read(long at, int n, String what) throws IOException {
    if (at < 0 || at + n > fileSize) {
      throw new FormatException(path, "byte offset " + at, what + " inside the file of "
          + fileSize + " bytes", "it would end at " + (at + n));
    }
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        throw new FormatException(path, "byte offset " + at, what, "end of file");
      }
    }
    b.flip();
    return b;
  }
}
