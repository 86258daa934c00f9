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
import java.util.HexFormat;

/**
 * Filesystem artifact store: {@code root/ab/cd/abcd...} (two fan-out levels), media type kept in a
 * sidecar {@code .type} file. Writes go to {@code root/tmp} first, are fsynced, then atomically
 * renamed into place, so readers never see partial objects.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
  private final Path root;
  private final Path tmp;

  public FileSystemArtifactStore(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    this.tmp = this.root.resolve("tmp");
    Files.createDirectories(tmp);
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
    }
    return ref;
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

  @Override
  public Path localPath(ArtifactRef ref) throws IOException {
    Path p = objectPath(ref.sha256());
    if (!Files.exists(p)) {
      throw new NoSuchFileException("artifact " + ref.uri() + " is not in the store at " + root);
    }
    return p;
  }
}
