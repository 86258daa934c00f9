package io.alloyflow.prediction.micromech;

/**
 * Anderson acceleration of a fixed-point iteration x = g(x) (D. G. Anderson, "Iterative
 * procedures for nonlinear integral equations", J. ACM 12 (1965) 547-560; H. F. Walker and P. Ni,
 * SIAM J. Numer. Anal. 49 (2011) 1715-1735): with residuals f = g(x) - x and the differences of
 * the last m residuals (dF) and images (dG), the next iterate is g_k - dG gamma where gamma
 * minimises |f_k - dF gamma| (normal equations with a small Tikhonov term). Used on the FFT
 * basic scheme as in Y. Chen et al., Int. J. Solids Struct. 2019 ("Anderson-accelerated FFT").
 */
final class Anderson {

  private final int depth;
  private final double[][] df;
  private final double[][] dg;
  private double[] prevF;
  private double[] prevG;
  private int count;
  private int head;

  Anderson(int length, int depth) {
    this.depth = depth;
    this.df = new double[depth][];
    this.dg = new double[depth][];
  }

  /** The accelerated next iterate from the current iterate x and its image g = g(x). */
  double[] next(double[] x, double[] g) {
    int len = x.length;
    double[] f = new double[len];
    for (int i = 0; i < len; i++) {
      f[i] = g[i] - x[i];
    }
    if (depth == 0) {
      return g;
    }
    if (prevF != null) {
      double[] a = df[head] == null ? new double[len] : df[head];
      double[] b = dg[head] == null ? new double[len] : dg[head];
      for (int i = 0; i < len; i++) {
        a[i] = f[i] - prevF[i];
        b[i] = g[i] - prevG[i];
      }
      df[head] = a;
      dg[head] = b;
      head = (head + 1) % depth;
      count = Math.min(count + 1, depth);
    }
    prevF = f;
    prevG = g.clone();
    if (count == 0) {
      return g;
    }
    int m = count;
    double[][] ab = new double[m][m + 1];
    double trace = 0;
    for (int r = 0; r < m; r++) {
      for (int c = r; c < m; c++) {
        double s = dot(df[r], df[c]);
        ab[r][c] = s;
        ab[c][r] = s;
      }
      ab[r][m] = dot(df[r], f);
      trace += ab[r][r];
    }
    if (!(trace > 0)) {
      return g;
    }
    for (int r = 0; r < m; r++) {
      ab[r][r] += 1e-10 * trace / m;
    }
    double[] gamma;
    try {
      gamma = Linear.solve(ab);
    } catch (IllegalArgumentException singular) {
      return g;
    }
    double[] out = g.clone();
    for (int r = 0; r < m; r++) {
      double gr = gamma[r];
      if (!Double.isFinite(gr)) {
        return g;
      }
      double[] b = dg[r];
      for (int i = 0; i < len; i++) {
        out[i] -= gr * b[i];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
