package io.alloyflow.segmentation.metrics;

/**
 * Minimum-cost assignment for a rectangular cost matrix (Kuhn H.W., 1955, "The Hungarian method for
 * the assignment problem", Naval Research Logistics Quarterly 2:83-97; O(n^2 m) shortest augmenting
 * path form with potentials, Jonker R. and Volgenant A., 1987, Computing 38:325-340).
 */
final class Hungarian {
  private Hungarian() {}

  /** For each row, the assigned column, or -1 when there are more rows than columns. */
  static int[] solve(double[][] cost) {
    int rows = cost.length;
    if (rows == 0) {
      return new int[0];
    }
    int cols = cost[0].length;
    boolean transpose = rows > cols;
    double[][] a = cost;
    if (transpose) {
      a = new double[cols][rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          a[j][i] = cost[i][j];
        }
      }
    }
    int n = a.length;
    int m = a[0].length;
    double[] u = new double[n + 1];
    double[] v = new double[m + 1];
    int[] p = new int[m + 1];
    int[] way = new int[m + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      double[] minv = new double[m + 1];
      java.util.Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[m + 1];
      do {
        used[j0] = true;
        int i0 = p[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= m; j++) {
          if (!used[j]) {
            double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] res = new int[rows];
    java.util.Arrays.fill(res, -1);
    for (int j = 1; j <= m; j++) {
      if (p[j] != 0) {
        if (transpose) {
          res[j - 1] = p[j] - 1;
        } else {
          res[p[j] - 1] = j - 1;
        }
      }
    }
    return res;
  }
}
