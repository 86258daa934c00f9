package io.alloyflow.segmentation.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Objects;

/**
 * @param micrograph Arrow-encoded {@code Micrograph} in the artifact store
 * @param method segmentation method name ({@code otsu}, {@code multiotsu}, {@code kmeans}, ...)
 * @param classes number of phase classes (2 for Otsu)
 */
public record SegmentPhasesRequest(ArtifactRef micrograph, String method, int classes) {
  public SegmentPhasesRequest {
    Objects.requireNonNull(micrograph, "micrograph");
    method = method == null ? "otsu" : method;
    if (classes < 2 || classes > 16) {
      throw new IllegalArgumentException("classes must be 2..16, found " + classes);
    }
  }
}
