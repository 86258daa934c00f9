package io.alloyflow.fusion.phases;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;

/**
 * Per-label pixel count, mean and standard deviation of a micrograph's signal (Welford's
 * single-pass algorithm, Welford 1962, Technometrics 4:419).
 *
 * @param labels label values 0..n-1
 * @param pixels pixel count per label
 * @param mean mean signal per label (NaN where a label has no pixels)
 * @param sd sample standard deviation per label
 */
public record PhaseStatistics(int[] labels, long[] pixels, double[] mean, double[] sd) {

  /** Computes statistics of every label 0..max present in the map. */
  public static PhaseStatistics compute(Micrograph image, LabelMap map) {
    if (image.width() != map.width() || image.height() != map.height()) {
      throw new IllegalArgumentException(
          "phase map is " + map.width() + "x" + map.height() + " but the micrograph is "
              + image.width() + "x" + image.height() + ": they must have the same size");
    }
    int n = Math.max(map.maxLabel() + 1, map.classNames().size());
    long[] count = new long[n];
    double[] mean = new double[n];
    double[] m2 = new double[n];
    float[] px = image.pixels();
    int[] lab = map.labels();
    for (int i = 0; i < px.length; i++) {
      int l = lab[i];
      long c = ++count[l];
      double d = px[i] - mean[l];
      mean[l] += d / c;
      m2[l] += d * (px[i] - mean[l]);
    }
    double[] sd = new double[n];
    int[] labels = new int[n];
    for (int l = 0; l < n; l++) {
      labels[l] = l;
      if (count[l] == 0) {
        mean[l] = Double.NaN;
        sd[l] = Double.NaN;
      } else {
        sd[l] = count[l] > 1 ? Math.sqrt(m2[l] / (count[l] - 1)) : 0;
      }
    }
    return new PhaseStatistics(labels, count, mean, sd);
  }

  /** Total pixel count. */
  public long totalPixels() {
    long t = 0;
    for (long p : pixels) {
      t += p;
    }
    return t;
  }

  /**
   * Smallest Fisher separation {@code |m_i - m_j| / sqrt(sd_i^2 + sd_j^2)} over pairs of present
   * labels: below ~1 the detector hardly separates two phases and the segmentation is suspect.
   */
  public double minimumSeparation() {
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < labels.length; i++) {
      for (int j = i + 1; j < labels.length; j++) {
        if (pixels[i] > 0 && pixels[j] > 0) {
          double s = Math.abs(mean[i] - mean[j]) / Math.sqrt(sd[i] * sd[i] + sd[j] * sd[j] + 1e-12);
          min = Math.min(min, s);
        }
      }
    }
    return min;
  }
}
