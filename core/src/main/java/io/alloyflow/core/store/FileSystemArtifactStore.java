package io.alloyflow.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Filesystem artifact store: {@code root/ab/cd/abcd...} (two fan-out levels), media type kept in a
 * sidecar {@code .type} file. Writes go to {@code root/tmp} first, are fsynced, then atomically
 * renamed into place, so readers never see partial objects.
 *
 * <p>The store heals: every read verifies the hash ({@link #get}, {@link #open} at end of stream,
 * {@link #localPath} before it returns the path); a {@code put} of content whose stored copy is
 * corrupt (or truncated) moves the bad copy to {@code root/quarantine} and stores the good bytes
 * in its place; {@link #verify(boolean)} scans the whole store and, on request, quarantines corrupt
 * objects and removes the temporary files of killed writers.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /** Temporary files younger than this are left alone by a repair (a writer may own them). */
  public static final Duration DEFAULT_PARTIAL_GRACE = Duration.ofMinutes(10);

  private final Path root;
  private final Path tmp;
  private final Path quarantine;

  public FileSystemArtifactStore(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    this.tmp = this.root.resolve("tmp");
    this.quarantine = this.root.resolve("quarantine");
    Files.createDirectories(tmp);
  }

  /** Where corrupt objects are moved. */
  public Path quarantineDir() {
    return quarantine;
  }

  public Path root() {
    return root;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 not available in this JVM", e);
    }
  }

  /** SHA-256 of bytes as lower-case hex. */
  public static String hash(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** SHA-256 of a file's bytes as lower-case hex, streamed (files may be larger than memory). */
  public static String hash(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private Path objectPath(String sha) {
    return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
  }

  @Override
  public ArtifactRef put(byte[] bytes, String mediaType) throws IOException {
    Path t = Files.createTempFile(tmp, "put-", ".part");
    try {
      try (FileChannel ch =
          FileChannel.open(t, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      return commit(t, hash(bytes), bytes.length, mediaType);
    } finally {
      Files.deleteIfExists(t);
    }
  }

  @Override
  public ArtifactRef putFile(Path file, String mediaType) throws IOException {
    Path t = Files.createTempFile(tmp, "put-", ".part");
    try {
      MessageDigest md = sha256();
      long size;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), md);
          OutputStream out = Files.newOutputStream(t, StandardOpenOption.TRUNCATE_EXISTING)) {
        size = in.transferTo(out);
      }
      try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      return commit(t, HexFormat.of().formatHex(md.digest()), size, mediaType);
    } finally {
      Files.deleteIfExists(t);
    }
  }

  private ArtifactRef commit(Path t, String sha, long size, String mediaType) throws IOException {
    ArtifactRef ref = new ArtifactRef(sha, mediaType, size);
    Path target = objectPath(sha);
    Files.createDirectories(target.getParent());
    Path typeFile = target.resolveSibling(sha + ".type");
    if (!Files.exists(typeFile)) {
      Path tt = Files.createTempFile(tmp, "type-", ".part");
      Files.writeString(tt, ref.mediaType());
      moveAtomically(tt, typeFile);
    }
    if (!Files.exists(target)) {
      moveAtomically(t, target);
    } else if (!intact(target, sha, size)) {
      // the stored copy is corrupt: keep it for inspection, store the good bytes in its place
      quarantine(target);
      replaceAtomically(t, target);
    }
    return ref;
  }

  /** True when the file holds {@code size} bytes hashing to {@code sha}. */
  private static boolean intact(Path p, String sha, long size) throws IOException {
    try {
      if (Files.size(p) != size) {
        return false;
      }
      return sha.equals(hashFile(p));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static String hashFile(Path p) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Moves a corrupt object out of the tree; null when another thread moved it first. */
  private Path quarantine(Path object) throws IOException {
    Files.createDirectories(quarantine);
    Path to = quarantine.resolve(object.getFileName() + "." + System.currentTimeMillis() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.move(object, to, StandardCopyOption.ATOMIC_MOVE);
      return to;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static void replaceAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "artifact store at " + to.getParent() + " does not support atomic rename", e);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(from); // a concurrent writer stored the same content first
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "artifact store at " + to.getParent() + " does not support atomic rename", e);
    }
  }

  @Override
  public byte[] get(ArtifactRef ref) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(objectPath(ref.sha256()));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException("artifact " + ref.uri() + " is not in the store at " + root);
    }
    String actual = hash(bytes);
    if (!actual.equals(ref.sha256())) {
      throw new CorruptArtifactException(
          "artifact " + ref.uri() + " is corrupt: its bytes hash to " + actual);
    }
    return bytes;
  }

  @Override
  public InputStream open(ArtifactRef ref) throws IOException {
    Path p = objectPath(ref.sha256());
    if (!Files.exists(p)) {
      throw new NoSuchFileException("artifact " + ref.uri() + " is not in the store at " + root);
    }
    MessageDigest md = sha256();
    return new FilterInputStream(new DigestInputStream(Files.newInputStream(p), md)) {
      private boolean checked;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          verify();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
          verify();
        }
        return n;
      }

      private void verify() throws IOException {
        if (!checked) {
          checked = true;
          String actual = HexFormat.of().formatHex(md.digest());
          if (!actual.equals(ref.sha256())) {
            throw new CorruptArtifactException(
                "artifact " + ref.uri() + " is corrupt: its bytes hash to " + actual);
          }
        }
      }
    };
  }

  @Override
  public boolean contains(String sha256) {
    return Files.exists(objectPath(sha256));
  }

  /**
   * The object's path, after its bytes were hashed and found intact (tools such as model loaders
   * then read the file themselves).
   *
   * @throws CorruptArtifactException when the stored bytes no longer hash to the key; a later
   *     {@code put} of the good bytes replaces them
   */
  @Override
  public Path localPath(ArtifactRef ref) throws IOException {
    Path p = objectPath(ref.sha256());
    if (!Files.exists(p)) {
      throw new NoSuchFileException("artifact " + ref.uri() + " is not in the store at " + root);
    }
    String actual = hashFile(p);
    if (!actual.equals(ref.sha256())) {
      throw new CorruptArtifactException(
          "artifact " + ref.uri() + " is corrupt: its bytes hash to " + actual);
    }
    return p;
  }

  /** {@link #verify(boolean, Duration)} with {@link #DEFAULT_PARTIAL_GRACE}. */
  public StoreReport verify(boolean repair) throws IOException {
    return verify(repair, DEFAULT_PARTIAL_GRACE);
  }

  /**
   * Scans the store: rehashes every object, checks its type sidecar, lists temporary files of
   * unfinished writes and files that do not belong in the object tree.
   *
   * @param repair move corrupt objects to {@link #quarantineDir()} and delete temporary files
   *     older than {@code partialGrace}
   */
  public StoreReport verify(boolean repair, Duration partialGrace) throws IOException {
    long objects = 0;
    long bytes = 0;
    List<String> corrupt = new ArrayList<>();
    List<String> missingType = new ArrayList<>();
    List<String> orphanTypes = new ArrayList<>();
    List<Path> partial = new ArrayList<>();
    List<Path> stray = new ArrayList<>();
    List<Path> quarantined = new ArrayList<>();
    List<Path> removed = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    Instant cutoff = Instant.now().minus(partialGrace);
    for (Path f : files) {
      Path rel = root.relativize(f);
      if (rel.startsWith("quarantine")) {
        continue;
      }
      String name = f.getFileName().toString();
      if (rel.startsWith("tmp") || name.endsWith(".part")) {
        partial.add(f);
        if (repair && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(f);
          removed.add(f);
        }
        continue;
      }
      boolean type = name.endsWith(".type");
      String sha = type ? name.substring(0, name.length() - 5) : name;
      if (!HEX64.matcher(sha).matches() || rel.getNameCount() != 3
          || !rel.getName(0).toString().equals(sha.substring(0, 2))
          || !rel.getName(1).toString().equals(sha.substring(2, 4))) {
        stray.add(f);
        continue;
      }
      if (type) {
        if (!Files.exists(f.resolveSibling(sha))) {
          orphanTypes.add(sha);
        }
        continue;
      }
      objects++;
      bytes += Files.size(f);
      if (!Files.exists(f.resolveSibling(sha + ".type"))) {
        missingType.add(sha);
      }
      if (!hashFile(f).equals(sha)) {
        corrupt.add(sha);
        if (repair) {
          Path q = quarantine(f);
          if (q != null) {
            quarantined.add(q);
            // the sidecar goes along, so the tree stays consistent until the content is put again
            Path sidecar = f.resolveSibling(sha + ".type");
            if (Files.exists(sidecar)) {
              Files.move(sidecar, q.resolveSibling(q.getFileName() + ".type"),
                  StandardCopyOption.ATOMIC_MOVE);
            }
          }
        }
      }
    }
    return new StoreReport(objects, bytes, corrupt, missingType, orphanTypes, partial, stray,
        quarantined, removed);
  }
}
