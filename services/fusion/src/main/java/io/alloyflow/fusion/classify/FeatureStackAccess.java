package io.alloyflow.fusion.classify;

/** Image filters of this package shared with the inclusion analysis. */
public final class FeatureStackAccess {

  private FeatureStackAccess() {}

  /** Separable Gaussian smoothing with clamped borders. */
  public static float[] gaussian(float[] img, int w, int h, double sigma) {
    return Filters.gaussian(img, w, h, sigma);
  }
}
