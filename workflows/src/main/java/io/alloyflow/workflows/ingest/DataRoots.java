package io.alloyflow.workflows.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories a server may read input files from (shared lab storage, a microscope's export
 * folder). A path named in a request is resolved against them: it must be relative to a root or
 * absolute inside one, and its real path (all symbolic links followed) must still lie inside the
 * same root and name a regular file of bounded size. Every refusal gives the same answer whether
 * the file is missing, outside the roots, a directory or unreadable, so that a caller learns
 * nothing about files it may not read.
 */
public final class DataRoots {
  private final List<Path> roots;

  /**
   * @param roots existing directories; each is canonicalised (real path) once here
   * @throws IOException when a root does not exist or is not a directory
   */
  public DataRoots(List<Path> roots) throws IOException {
    List<Path> r = new ArrayList<>();
    for (Path p : roots) {
      if (!Files.isDirectory(p)) {
        throw new IOException("data root " + p + " is not a directory");
      }
      r.add(p.toRealPath());
    }
    this.roots = List.copyOf(r);
  }

  /** No roots: path-based submission is disabled (uploads only). */
  public static DataRoots none() {
    try {
      return new DataRoots(List.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Path> roots() {
    return roots;
  }

  public boolean isEmpty() {
    return roots.isEmpty();
  }

  /**
   * Resolves a requested path to a readable regular file inside a root.
   *
   * @param field request field the path came from (named in the error)
   * @param requested the path as the caller wrote it
   * @param maxBytes largest file accepted
   * @return the real path of the file
   * @throws InputRejectedException when the path is not acceptable; the message never says
   *     whether the file exists
   */
  public Path resolve(String field, String requested, long maxBytes) throws InputRejectedException {
    if (roots.isEmpty()) {
      throw new InputRejectedException(field,
          "path-based submission is disabled on this server (no data roots configured): upload the"
              + " file instead");
    }
    if (requested == null || requested.isBlank() || requested.length() > 4096
        || requested.indexOf('\0') >= 0) {
      throw new InputRejectedException(field, "expected a file path of 1..4096 characters");
    }
    Path p;
    try {
      p = Path.of(requested);
    } catch (RuntimeException e) {
      throw notReadable(field);
    }
    for (Path root : roots) {
      Path candidate = (p.isAbsolute() ? p : root.resolve(p)).normalize();
      if (!candidate.startsWith(root)) {
        continue;
      }
      try {
        Path real = candidate.toRealPath();
        if (!real.startsWith(root)) {
          continue; // a symbolic link out of the root
        }
        BasicFileAttributes a =
            Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile() || !Files.isReadable(real)) {
          continue;
        }
        if (a.size() > maxBytes) {
          throw new InputRejectedException(field,
              "the file is " + a.size() + " bytes, larger than this server's limit of " + maxBytes
                  + " bytes");
        }
        return real;
      } catch (IOException | SecurityException e) {
        // missing or unreadable: same answer as outside the roots
      }
    }
    throw notReadable(field);
  }

  /**
   * Resolves a requested path to a directory inside a root (a batch folder).
   *
   * @return the real path of the directory
   * @throws InputRejectedException when the path is not a directory under a root; the message never
   *     says whether it exists
   */
  public Path resolveDirectory(String field, String requested) throws InputRejectedException {
    if (roots.isEmpty()) {
      throw new InputRejectedException(field,
          "path-based submission is disabled on this server (no data roots configured)");
    }
    if (requested == null || requested.isBlank() || requested.length() > 4096 || requested.indexOf('\0') >= 0) {
      throw new InputRejectedException(field, "expected a directory path of 1..4096 characters");
    }
    Path p;
    try {
      p = Path.of(requested);
    } catch (RuntimeException e) {
      throw notADirectory(field);
    }
    for (Path root : roots) {
      Path candidate = (p.isAbsolute() ? p : root.resolve(p)).normalize();
      if (!candidate.startsWith(root)) {
        continue;
      }
      try {
        Path real = candidate.toRealPath();
        if (real.startsWith(root) && Files.isDirectory(real) && Files.isReadable(real)) {
          return real;
        }
      } catch (IOException | SecurityException e) {
        // missing or unreadable: same answer as outside the roots
      }
    }
    throw notADirectory(field);
  }

  private InputRejectedException notADirectory(String field) {
    return new InputRejectedException(field,
        "not a readable directory under this server's data roots (paths are relative to a data root,"
            + " or absolute inside one)");
  }

  private InputRejectedException notReadable(String field) {
    return new InputRejectedException(field,
        "not a readable regular file under this server's data roots (paths are relative to a data"
            + " root, or absolute inside one)");
  }
}
