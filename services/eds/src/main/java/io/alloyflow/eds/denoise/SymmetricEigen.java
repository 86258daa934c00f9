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
}
