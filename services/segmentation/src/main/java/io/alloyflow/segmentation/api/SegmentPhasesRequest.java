package io.alloyflow.segmentation.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Objects;

/**
 * @param micrograph Arrow-encoded {@code Micrograph} in the artifact store
 * @param method segmentation method name ({@code otsu}, {@code multiotsu}, {@code kmeans}, ...)
 * @param classes number of phase classes (2 for Otsu)
 * @param smoothingSigma Gaussian pre-filter sigma in pixels against shot noise (0 = none)
 * @param model trained model in the artifact store for {@code pixel-classifier} or {@code unet}
 *     (null for the unsupervised methods)
 */
public record SegmentPhasesRequest(
    ArtifactRef micrograph, String method, int classes, double smoothingSigma, ArtifactRef model) {
  public SegmentPhasesRequest {
    Objects.requireNonNull(micrograph, "micrograph");
    method = method == null ? "otsu" : method;
    if (classes < 2 || classes > 16) {
      throw new IllegalArgumentException("classes must be 2..16, found " + classes);
    }
    if (("pixel-classifier".equals(method) || "unet".equals(method)) && model == null) {
      throw new IllegalArgumentException("method " + method + " needs a trained model");
    }
    if (!(smoothingSigma >= 0) || smoothingSigma > 50) {
      throw new IllegalArgumentException(
          "smoothing sigma must be 0..50 pixels, found " + smoothingSigma);
    }
  }
}
