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

  /**
   * Rows of the weighted least-squares operator {@code P = (A^T W A)^-1 A^T W} for a design
   * matrix given as {@code p} columns of length {@code c} and diagonal weights {@code w}: the
   * fitted coefficients of any spectrum y are {@code P y}, so one operator serves every pixel of a
   * spectrum image. Channels with weight 0 get 0 in every row.
   */
  public static double[][] weightedProjector(double[][] design, double[] w) {
    int p = design.length;
    int c = w.length;
    double[][] ata = new double[p][p];
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double s = 0;
        for (int i = 0; i < c; i++) {
          s += w[i] * design[a][i] * design[b][i];
        }
        ata[a][b] = s;
      }
    }
    double[][] inv = invertSpd(ata);
    double[][] op = new double[p][c];
    for (int a = 0; a < p; a++) {
      for (int i = 0; i < c; i++) {
        if (w[i] == 0) {
          continue;
        }
        double s = 0;
        for (int b = 0; b < p; b++) {
          s += inv[a][b] * design[b][i];
        }
        op[a][i] = s * w[i];
      }
    }
    return op;
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
