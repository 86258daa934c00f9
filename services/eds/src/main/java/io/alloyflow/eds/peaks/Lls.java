package io.alloyflow.eds.peaks;

/**
 * Small dense weighted linear least squares by normal equations and Cholesky decomposition, with
 * the parameter covariance (A^T W A)^-1.
 */
public final class Lls {
  private Lls() {}

  /** Result: coefficients and their covariance. */
  public record Solution(double[] coefficients, double[][] covariance) {}

  /**
   * Solves min sum_i w_i (y_i - sum_j x_ij c_j)^2.
   *
   * @param design columns: design[j][i] = x_ij
   * @param y observations
   * @param weights w_i (>= 0)
   */
  public static Solution solve(double[][] design, double[] y, double[] weights) {
    int p = design.length;
    int n = y.length;
    double[][] a = new double[p][p];
    double[] b = new double[p];
    for (int j = 0; j < p; j++) {
      double[] xj = design[j];
      for (int i = 0; i < n; i++) {
        if (xj[i] != 0 && weights[i] > 0) {
          b[j] += weights[i] * xj[i] * y[i];
        }
      }
      for (int k = 0; k <= j; k++) {
        double[] xk = design[k];
        double s = 0;
        for (int i = 0; i < n; i++) {
          if (xj[i] != 0 && xk[i] != 0) {
            s += weights[i] * xj[i] * xk[i];
          }
        }
        a[j][k] = s;
        a[k][j] = s;
      }
    }
    double[][] inv = invertSpd(a);
    double[] c = new double[p];
    for (int j = 0; j < p; j++) {
      double s = 0;
      for (int k = 0; k < p; k++) {
        s += inv[j][k] * b[k];
      }
      c[j] = s;
    }
    return new Solution(c, inv);
  }

  /** Inverse of a symmetric positive definite matrix (Cholesky); throws when singular. */
  public static double[][] invertSpd(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 1e-300 * Math.max(1, Math.abs(a[i][i])))) {
            throw new IllegalArgumentException(
                "least-squares system is singular at term " + i
                    + ": two references are indistinguishable or one has no signal");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[][] linv = new double[n][n];
    for (int i = 0; i < n; i++) {
      linv[i][i] = 1 / l[i][i];
      for (int j = 0; j < i; j++) {
        double s = 0;
        for (int k = j; k < i; k++) {
          s -= l[i][k] * linv[k][j];
        }
        linv[i][j] = s / l[i][i];
      }
    }
    double[][] inv = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < n; k++) {
          s += linv[k][i] * linv[k][j];
        }
        inv[i][j] = s;
        inv[j][i] = s;
      }
    }
    return inv;
  }
}
