package io.alloyflow.workflows.ingest;

import io.alloyflow.core.store.ArtifactRef;

/**
 * Where an input file of a submitted analysis is: a file under the server's data roots (already
 * resolved to its real path by the gateway, checked again by the ingest worker) or the raw bytes of
 * an upload, already in the artifact store.
 *
 * @param path real path under a data root, or null for an upload
 * @param upload the uploaded raw file in the store, or null for a path
 * @param fileName the file name the caller gave (decides the format: .tif, .png, .msa, .rpl ...)
 */
public record InputSource(String path, ArtifactRef upload, String fileName) {
  public InputSource {
    if ((path == null) == (upload == null)) {
      throw new IllegalArgumentException("an input source is either a path or an upload, not "
          + (path == null ? "neither" : "both"));
    }
    if (fileName == null || fileName.isBlank() || fileName.length() > 255
        || fileName.contains("/") || fileName.contains("\\") || fileName.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "an input file name must be 1..255 characters without path separators");
    }
  }

  /** A file under the data roots. */
  public static InputSource ofPath(java.nio.file.Path realPath) {
    return new InputSource(realPath.toString(), null, realPath.getFileName().toString());
  }

  /** An upload already in the store. */
  public static InputSource ofUpload(ArtifactRef ref, String fileName) {
    return new InputSource(null, ref, fileName);
  }
}
