package io.alloyflow.segmentation.classical;

/**
 * Multi-level Otsu thresholding into k classes.
 *
 * <p>Liao P.-S., Chen T.-S. and Chung P.-C., 2001, "A fast algorithm for multilevel thresholding",
 * Journal of Information Science and Engineering 17:713-727. The between-class variance
 * {@code sum_k S(u,v)^2 / P(u,v)} over the histogram is maximised; instead of enumerating all
 * threshold combinations with their lookup table we solve the same separable maximisation by
 * dynamic programming over classes, which is exact and O(k L^2) for L bins. Thresholds are bin
 * centres of the last bin of each lower class (as scikit-image {@code threshold_multiotsu}); a pixel
 * belongs to class j when it is above j thresholds.
 */
public final class MultiOtsu {
  private MultiOtsu() {}

  /**
   * The k-1 thresholds (ascending) for k classes: one bin per level for 8-bit-like data, 256 equal
   * bins for wider ranges (16-bit, float) to bound the O(k L^2) search.
   */
  public static double[] thresholds(float[] px, int classes) {
    return thresholds(Histogram.of(px, 256, 1024), classes);
  }

  /** The k-1 ascending thresholds for a histogram. */
  public static double[] thresholds(Histogram hist, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("multi-Otsu needs at least 2 classes, found " + classes);
    }
    long[] c = hist.counts();
    double[] x = hist.centers();
    int n = c.length;
    if (n < classes) {
      throw new IllegalArgumentException(
          "cannot split an image with "
              + n
              + " distinct intensity levels into "
              + classes
              + " classes");
    }
    double[] p = new double[n + 1];
    double[] s = new double[n + 1];
    for (int i = 0; i < n; i++) {
      p[i + 1] = p[i] + c[i];
      s[i + 1] = s[i] + c[i] * x[i];
    }
    // best[j][t]: best sum over j+1 classes covering bins 0..t; arg: start of the last class
    double[][] best = new double[classes][n];
    int[][] arg = new int[classes][n];
    for (int t = 0; t < n; t++) {
      best[0][t] = h(p, s, 0, t);
    }
    for (int j = 1; j < classes; j++) {
      for (int t = 0; t < n; t++) {
        best[j][t] = Double.NEGATIVE_INFINITY;
        // last class is bins u..t, previous classes end at u-1 >= j-1
        for (int u = j; u <= t; u++) {
          double v = best[j - 1][u - 1] + h(p, s, u, t);
          if (v > best[j][t]) {
            best[j][t] = v;
            arg[j][t] = u;
          }
        }
      }
    }
    double[] thr = new double[classes - 1];
    int t = n - 1;
    for (int j = classes - 1; j >= 1; j--) {
      int u = arg[j][t];
      thr[j - 1] = x[u - 1];
      t = u - 1;
    }
    return thr;
  }

  private static double h(double[] p, double[] s, int u, int v) {
    double pw = p[v + 1] - p[u];
    if (pw <= 0) {
      return 0;
    }
    double sw = s[v + 1] - s[u];
    return sw * sw / pw;
  }

  /** Class index per pixel (0 = darkest) for the given ascending thresholds. */
  public static int[] apply(float[] px, double[] thresholds) {
    int[] out = new int[px.length];
    for (int i = 0; i < px.length; i++) {
      int k = 0;
      while (k < thresholds.length && px[i] > thresholds[k]) {
        k++;
      }
      out[i] = k;
    }
    return out;
  }

  /** Segments into k classes. */
  public static int[] segment(float[] px, int classes) {
    return apply(px, thresholds(px, classes));
  }
}
