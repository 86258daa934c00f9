package io.alloyflow.core.store;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to an immutable stored artifact.
 *
 * @param sha256 lower-case hex SHA-256 of the bytes (64 characters)
 * @param mediaType media type, e.g. {@code image/tiff}, {@code application/vnd.apache.arrow.file}
 * @param sizeBytes size in bytes
 */
public record ArtifactRef(String sha256, String mediaType, long sizeBytes) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public ArtifactRef {
    Objects.requireNonNull(sha256, "sha256");
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "artifact key must be 64 lower-case hex characters (SHA-256), found '" + sha256 + "'");
    }
    mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("artifact size must be >= 0, found " + sizeBytes);
    }
  }

  /** URI form used in provenance: {@code sha256:<hex>}. */
  public String uri() {
    return "sha256:" + sha256;
  }
}
