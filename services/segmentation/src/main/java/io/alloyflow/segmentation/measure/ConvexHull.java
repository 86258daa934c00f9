package io.alloyflow.segmentation.measure;

import java.util.Arrays;

/**
 * Planar convex hull (Andrew's monotone chain: Andrew A.M., 1979, "Another efficient algorithm for
 * convex hulls in two dimensions", Information Processing Letters 9(5):216-219), polygon area
 * (shoelace formula) and Feret (caliper) diameters by rotating calipers (Toussaint G.T., 1983,
 * "Solving geometric problems with the rotating calipers", Proc. IEEE MELECON '83).
 */
public final class ConvexHull {
  private ConvexHull() {}

  /**
   * Convex hull of n points stored as (x0,y0,x1,y1,...) in pts; returns counter-clockwise hull
   * vertices as a flat array without collinear points.
   */
  public static double[] hull(double[] pts, int n) {
    if (n == 0) {
      return new double[0];
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(
        idx,
        (a, b) -> {
          int c = Double.compare(pts[2 * a], pts[2 * b]);
          return c != 0 ? c : Double.compare(pts[2 * a + 1], pts[2 * b + 1]);
        });
    double[] h = new double[4 * n + 4];
    int k = 0;
    for (int t = 0; t < n; t++) {
      int i = idx[t];
      while (k >= 2 && cross(h, k - 2, k - 1, pts[2 * i], pts[2 * i + 1]) <= 0) {
        k--;
      }
      h[2 * k] = pts[2 * i];
      h[2 * k + 1] = pts[2 * i + 1];
      k++;
    }
    int lower = k + 1;
    for (int t = n - 2; t >= 0; t--) {
      int i = idx[t];
      while (k >= lower && cross(h, k - 2, k - 1, pts[2 * i], pts[2 * i + 1]) <= 0) {
        k--;
      }
      h[2 * k] = pts[2 * i];
      h[2 * k + 1] = pts[2 * i + 1];
      k++;
    }
    int m = Math.max(1, k - 1);
    return Arrays.copyOf(h, 2 * m);
  }

  private static double cross(double[] h, int a, int b, double px, double py) {
    return (h[2 * b] - h[2 * a]) * (py - h[2 * a + 1])
        - (h[2 * b + 1] - h[2 * a + 1]) * (px - h[2 * a]);
  }

  /** Area of a simple polygon (absolute shoelace sum). */
  public static double area(double[] poly) {
    int m = poly.length / 2;
    double s = 0;
    for (int i = 0; i < m; i++) {
      int j = (i + 1) % m;
      s += poly[2 * i] * poly[2 * j + 1] - poly[2 * j] * poly[2 * i + 1];
    }
    return Math.abs(s) / 2;
  }

  /** {max Feret diameter, min Feret width} of a convex polygon. */
  public static double[] feret(double[] hull) {
    int m = hull.length / 2;
    if (m < 2) {
      return new double[] {0, 0};
    }
    double max = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double dx = hull[2 * i] - hull[2 * j];
        double dy = hull[2 * i + 1] - hull[2 * j + 1];
        max = Math.max(max, dx * dx + dy * dy);
      }
    }
    double min = Double.POSITIVE_INFINITY;
    if (m == 2) {
      min = 0;
    }
    for (int i = 0; i < m && m > 2; i++) {
      int j = (i + 1) % m;
      double ex = hull[2 * j] - hull[2 * i];
      double ey = hull[2 * j + 1] - hull[2 * i + 1];
      double len = Math.hypot(ex, ey);
      if (len == 0) {
        continue;
      }
      double far = 0;
      for (int k = 0; k < m; k++) {
        double d =
            Math.abs(ex * (hull[2 * k + 1] - hull[2 * i + 1]) - ey * (hull[2 * k] - hull[2 * i]))
                / len;
        far = Math.max(far, d);
      }
      min = Math.min(min, far);
    }
    return new double[] {Math.sqrt(max), min};
  }
}
