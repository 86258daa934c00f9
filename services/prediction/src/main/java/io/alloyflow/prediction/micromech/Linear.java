package io.alloyflow.prediction.micromech;

/** Small dense linear algebra (Gaussian elimination with partial pivoting) for small systems. */
public final class Linear {

  private Linear() {}

  /** Solves A x = b given as the augmented matrix [A | b] (overwritten), partial pivoting. */
  public static double[] solve(double[][] ab) {
    int m = ab.length;
    for (int col = 0; col < m; col++) {
      int piv = col;
      for (int r = col + 1; r < m; r++) {
        if (Math.abs(ab[r][col]) > Math.abs(ab[piv][col])) {
          piv = r;
        }
      }
      double[] t = ab[col];
      ab[col] = ab[piv];
      ab[piv] = t;
      if (ab[col][col] == 0) {
        throw new IllegalArgumentException("singular linear system (zero pivot in column " + col + " of " + m + ")");
      }
      for (int r = col + 1; r < m; r++) {
        double f = ab[r][col] / ab[col][col];
        for (int q = col; q <= m; q++) {
          ab[r][q] -= f * ab[col][q];
        }
      }
    }
    double[] x = new double[m];
    for (int r = m - 1; r >= 0; r--) {
      double s = ab[r][m];
      for (int q = r + 1; q < m; q++) {
        s -= ab[r][q] * x[q];
      }
      x[r] = s / ab[r][r];
    }
    return x;
  }

  /** Inverse of a square matrix. */
  static double[][] inverse(double[][] a) {
    int m = a.length;
    double[][] inv = new double[m][m];
    for (int c = 0; c < m; c++) {
      double[][] ab = new double[m][m + 1];
      for (int r = 0; r < m; r++) {
        System.arraycopy(a[r], 0, ab[r], 0, m);
        ab[r][m] = r == c ? 1 : 0;
      }
      double[] x = solve(ab);
      for (int r = 0; r < m; r++) {
        inv[r][c] = x[r];
      }
    }
    return inv;
  }
}
