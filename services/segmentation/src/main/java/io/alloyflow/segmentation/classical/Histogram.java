package io.alloyflow.segmentation.classical;

/**
 * Intensity histogram with bin centres, built as scikit-image 0.19 does for thresholding: integer
 * images get one bin per integer value between min and max, floating-point images get {@code nbins}
 * equal bins over [min, max].
 *
 * @param counts counts per bin
 * @param centers bin centre intensities
 */
public record Histogram(long[] counts, double[] centers) {
  public Histogram {
    if (counts.length != centers.length || counts.length == 0) {
      throw new IllegalArgumentException(
          "histogram needs equally many (>0) counts and centres, found "
              + counts.length
              + " and "
              + centers.length);
    }
  }

  /** Builds the histogram; {@code nbins} is used only for non-integer data or wide ranges. */
  public static Histogram of(float[] px, int nbins) {
    return of(px, nbins, 65536);
  }

  /**
   * Builds the histogram with one bin per integer level when the data are integers spanning fewer
   * than {@code maxIntegerLevels} levels, else {@code nbins} equal bins.
   */
  public static Histogram of(float[] px, int nbins, int maxIntegerLevels) {
    if (px.length == 0) {
      throw new IllegalArgumentException("cannot build a histogram of an empty image");
    }
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    boolean integral = true;
    for (float v : px) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("image holds a non-finite value " + v);
      }
      if (v < min) {
        min = v;
      }
      if (v > max) {
        max = v;
      }
      if (integral && v != Math.rint(v)) {
        integral = false;
      }
    }
    if (integral && max - min < maxIntegerLevels) {
      int n = (int) (max - min) + 1;
      long[] c = new long[n];
      double[] centers = new double[n];
      for (float v : px) {
        c[(int) (v - min)]++;
      }
      for (int i = 0; i < n; i++) {
        centers[i] = min + i;
      }
      return new Histogram(c, centers);
    }
    long[] c = new long[nbins];
    double[] centers = new double[nbins];
    double width = (max - min) / (double) nbins;
    for (int i = 0; i < nbins; i++) {
      centers[i] = min + (i + 0.5) * width;
    }
    if (width == 0) {
      c[0] = px.length;
      return new Histogram(c, centers);
    }
    for (float v : px) {
      int b = (int) ((v - min) / width);
      c[Math.min(nbins - 1, Math.max(0, b))]++;
    }
    return new Histogram(c, centers);
  }

  public int size() {
    return counts.length;
  }
}
