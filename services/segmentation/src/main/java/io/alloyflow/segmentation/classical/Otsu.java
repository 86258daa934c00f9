package io.alloyflow.segmentation.classical;

/**
 * Global Otsu threshold: the threshold maximising the between-class variance of the two classes
 * below and above it.
 *
 * <p>Otsu N., 1979, "A threshold selection method from gray-level histograms", IEEE Transactions
 * on Systems, Man, and Cybernetics 9(1):62-66. The histogram and the tie rule (first maximum; the
 * threshold is the centre of the last bin of the lower class; pixels strictly above it are
 * foreground) follow scikit-image 0.19 {@code threshold_otsu} so results agree bin for bin.
 */
public final class Otsu {
  private Otsu() {}

  /** Otsu threshold of the image (256 bins for floating-point data). */
  public static double threshold(float[] px) {
    return threshold(Histogram.of(px, 256));
  }

  /** Otsu threshold of a histogram. */
  public static double threshold(Histogram hist) {
    long[] c = hist.counts();
    double[] x = hist.centers();
    int n = c.length;
    if (n == 1) {
      return x[0];
    }
    double[] w1 = new double[n];
    double[] m1 = new double[n];
    double cw = 0;
    double cs = 0;
    for (int i = 0; i < n; i++) {
      cw += c[i];
      cs += c[i] * x[i];
      w1[i] = cw;
      m1[i] = cw > 0 ? cs / cw : 0;
    }
    double[] w2 = new double[n];
    double[] m2 = new double[n];
    cw = 0;
    cs = 0;
    for (int i = n - 1; i >= 0; i--) {
      cw += c[i];
      cs += c[i] * x[i];
      w2[i] = cw;
      m2[i] = cw > 0 ? cs / cw : 0;
    }
    int best = 0;
    double bestVar = -1;
    for (int i = 0; i < n - 1; i++) {
      double d = m1[i] - m2[i + 1];
      double v = w1[i] * w2[i + 1] * d * d;
      if (v > bestVar) {
        bestVar = v;
        best = i;
      }
    }
    return x[best];
  }

  /** Binary mask (1 = above threshold) for the image. */
  public static byte[] segment(float[] px) {
    double t = threshold(px);
    byte[] out = new byte[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = px[i] > t ? (byte) 1 : 0;
    }
    return out;
  }
}
