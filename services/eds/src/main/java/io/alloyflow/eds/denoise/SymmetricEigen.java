package io.alloyflow.eds.denoise;

/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method (Golub and Van
 * Loan, Matrix Computations, 4th ed., 2013, section 8.5), accurate to machine precision; eigenvalues
 * returned in decreasing order with eigenvectors as columns.
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /** Result: eigenvalues (descending) and eigenvectors (vectors[i][j] = component i of vector j). */
  public record Result(double[] values, double[][] vectors) {}

  /** Decomposes a symmetric matrix (not modified). */
  public static Result of(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = m[i].clone();
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < n; i++) {
        diag += a[i][i] * a[i][i];
        for (int j = i + 1; j < n; j++) {
          off += a[i][j] * a[i][j];
        }
      }
      if (off <= 1e-30 * Math.max(diag, 1e-300)) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (Math.abs(apq) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, (x, y) -> Double.compare(a[y][y], a[x][x]));
    double[] vals = new double[n];
    double[][] vecs = new double[n][n];
    for (int j = 0; j < n; j++) {
      vals[j] = a[idx[j]][idx[j]];
      for (int i = 0; i < n; i++) {
        vecs[i][j] = v[i][idx[j]];
      }
    }
    return new Result(vals, vecs);
  }

  /**
   * All eigenvalues (descending) of a symmetric matrix by Householder tridiagonalisation and the
   * implicit QL algorithm (Wilkinson and Reinsch, Handbook for Automatic Computation II, 1971:
   * tred1/tql1; Press et al., Numerical Recipes, 3rd ed., 2007, section 11.4), O(n^3) without
   * eigenvectors. The input is overwritten.
   */
  public static double[] eigenvalues(double[][] a) {
    int n = a.length;
    double[] d = new double[n];
    double[] e = new double[n];
    for (int i = n - 1; i > 0; i--) {
      int l = i - 1;
      double h = 0;
      double scale = 0;
      if (l > 0) {
        for (int k = 0; k <= l; k++) {
          scale += Math.abs(a[i][k]);
        }
        if (scale == 0) {
          e[i] = a[i][l];
        } else {
          double[] ai = a[i];
          for (int k = 0; k <= l; k++) {
            ai[k] /= scale;
            h += ai[k] * ai[k];
          }
          double f = ai[l];
          double g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
          e[i] = scale * g;
          h -= f * g;
          ai[l] = f - g;
          f = 0;
          for (int j = 0; j <= l; j++) {
            g = 0;
            double[] aj = a[j];
            for (int k = 0; k <= j; k++) {
              g += aj[k] * ai[k];
            }
            for (int k = j + 1; k <= l; k++) {
              g += a[k][j] * ai[k];
            }
            e[j] = g / h;
            f += e[j] * ai[j];
          }
          double hh = f / (h + h);
          for (int j = 0; j <= l; j++) {
            f = ai[j];
            g = e[j] - hh * f;
            e[j] = g;
            double[] aj = a[j];
            for (int k = 0; k <= j; k++) {
              aj[k] -= f * e[k] + g * ai[k];
            }
          }
        }
      } else {
        e[i] = a[i][l];
      }
      d[i] = h;
    }
    for (int i = 0; i < n; i++) {
      d[i] = a[i][i];
    }
    // implicit QL on the tridiagonal matrix (d diagonal, e sub-diagonal)
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    final double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      int iter = 0;
      int m;
      do {
        for (m = l; m < n - 1; m++) {
          double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
          if (Math.abs(e[m]) <= eps * dd) {
            break;
          }
        }
        if (m != l) {
          if (iter++ == 100) {
            throw new IllegalStateException("QL iteration did not converge");
          }
          double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
          double r = Math.hypot(g, 1.0);
          g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
          double s = 1;
          double c = 1;
          double p = 0;
          int i;
          boolean underflow = false;
          for (i = m - 1; i >= l; i--) {
            double f = s * e[i];
            double b = c * e[i];
            r = Math.hypot(f, g);
            e[i + 1] = r;
            if (r == 0) {
              d[i + 1] -= p;
              e[m] = 0;
              underflow = true;
              break;
            }
            s = f / r;
            c = g / r;
            g = d[i + 1] - p;
            r = (d[i] - g) * s + 2.0 * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
          }
          if (underflow) {
            continue;
          }
          d[l] -= p;
          e[l] = g;
          e[m] = 0;
        }
      } while (m != l);
    }
    double[] out = d.clone();
    java.util.Arrays.sort(out);
    for (int i = 0; i < n / 2; i++) {
      double t = out[i];
      out[i] = out[n - 1 - i];
      out[n - 1 - i] = t;
    }
    return out;
  }
}
