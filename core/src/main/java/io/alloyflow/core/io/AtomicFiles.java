package io.alloyflow.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file writes: content goes to a hidden temporary sibling that is then renamed over the
 * target, so a reader (or a crash) never sees half a file. The temporary file is created with
 * the process' default permissions (not the owner-only permissions of
 * {@code Files.createTempFile}), so results stay readable by the people who share them.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** A fresh hidden temporary path beside {@code target}. */
  public static Path temporarySibling(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    return abs.resolveSibling(
        "." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
  }

  /** Opens a new temporary sibling for writing (fails if it exists). */
  public static OutputStream openTemporary(Path tmp) throws IOException {
    return Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /** Renames a finished temporary file over the target (atomically where the filesystem can). */
  public static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes bytes atomically. */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = temporarySibling(target);
    try {
      try (OutputStream out = openTemporary(tmp)) {
        out.write(bytes);
      }
      commit(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
