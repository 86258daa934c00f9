package io.alloyflow.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content-addressed storage. Implementations: {@link FileSystemArtifactStore} (default); an
 * S3-compatible object store implements the same four operations (PUT with the hash as key,
 * conditional on absence; GET with verification).
 */
public interface ArtifactStore {

  /** Stores bytes (idempotent: storing the same bytes twice returns the same reference). */
  ArtifactRef put(byte[] bytes, String mediaType) throws IOException;

  /** Stores the content of a file, streaming. */
  ArtifactRef putFile(Path file, String mediaType) throws IOException;

  /** Reads and verifies an artifact; fails with {@link CorruptArtifactException} on mismatch. */
  byte[] get(ArtifactRef ref) throws IOException;

  /** Opens an artifact for streaming (verification happens at end of stream). */
  InputStream open(ArtifactRef ref) throws IOException;

  /** True when the artifact is present. */
  boolean contains(String sha256);

  /** Local path of a stored artifact where the store is file-backed (for tools needing a path). */
  Path localPath(ArtifactRef ref) throws IOException;
}
