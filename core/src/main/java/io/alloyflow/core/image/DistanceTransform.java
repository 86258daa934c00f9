package io.alloyflow.core.image;

/**
 * Exact Euclidean distance transform: for each foreground pixel the distance (in pixels) to the
 * nearest background pixel; background pixels get 0.
 *
 * <p>Felzenszwalb P.F. and Huttenlocher D.P., 2012, "Distance transforms of sampled functions",
 * Theory of Computing 8:415-428: the squared distance is computed by a column pass and a row pass
 * of the 1-D lower envelope of parabolas, O(N) overall. Equal to scipy's
 * {@code distance_transform_edt}. A mask without background yields +infinity everywhere.
 */
public final class DistanceTransform {
  private DistanceTransform() {}

  private static final double INF = 1e20;

  /**
   * Euclidean distance transform of a mask (non-zero = foreground). The first (column) pass of a
   * binary image reduces to two linear scans (Meijster A., Roerdink J.B.T.M. and Hesselink W.H.,
   * 2000, "A general algorithm for computing distance transforms in linear time", Mathematical
   * Morphology and its Applications to Image and Signal Processing, Kluwer, 331-340), done row by
   * row for cache locality; the row pass is the lower envelope of parabolas.
   */
  public static double[] edt(byte[] mask, int w, int h) {
    double[] f = new double[mask.length];
    // column distances to the nearest background pixel (in rows), INF when the column has none
    int[] g = new int[mask.length];
    int big = w + h + 1;
    for (int x = 0; x < w; x++) {
      g[x] = mask[x] != 0 ? big : 0;
    }
    for (int y = 1; y < h; y++) {
      int o = y * w;
      for (int x = 0; x < w; x++) {
        g[o + x] = mask[o + x] != 0 ? Math.min(big, g[o - w + x] + 1) : 0;
      }
    }
    for (int y = h - 2; y >= 0; y--) {
      int o = y * w;
      for (int x = 0; x < w; x++) {
        int below = g[o + w + x] + 1;
        if (below < g[o + x]) {
          g[o + x] = below;
        }
      }
    }
    for (int i = 0; i < f.length; i++) {
      f[i] = g[i] >= big ? INF : (double) g[i] * g[i];
    }
    double[] line = new double[w];
    double[] out = new double[w];
    int[] v = new int[w];
    double[] z = new double[w + 1];
    for (int y = 0; y < h; y++) {
      System.arraycopy(f, y * w, line, 0, w);
      dt1d(line, w, out, v, z);
      for (int x = 0; x < w; x++) {
        double d = out[x];
        f[y * w + x] = d >= INF * 0.5 ? Double.POSITIVE_INFINITY : Math.sqrt(d);
      }
    }
    return f;
  }

  /** 1-D squared distance transform of sampled function f (lower envelope of parabolas). */
  public static void dt1d(double[] f, int n, double[] d, int[] v, double[] z) {
    int k = 0;
    v[0] = 0;
    z[0] = Double.NEGATIVE_INFINITY;
    z[1] = Double.POSITIVE_INFINITY;
    for (int q = 1; q < n; q++) {
      double s;
      while (true) {
        int p = v[k];
        s = ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
        if (s <= z[k] && k > 0) {
          k--;
        } else {
          break;
        }
      }
      if (s <= z[k]) {
        // k == 0 and the new parabola dominates everywhere
        v[0] = q;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        continue;
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Double.POSITIVE_INFINITY;
    }
    k = 0;
    for (int q = 0; q < n; q++) {
      while (z[k + 1] < q) {
        k++;
      }
      double dq = q - v[k];
      d[q] = dq * dq + f[v[k]];
    }
  }
}
