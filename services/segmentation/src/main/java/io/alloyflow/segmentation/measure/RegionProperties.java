package io.alloyflow.segmentation.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Region properties of a label image in one pass over pixels grouped by label (counting sort).
 *
 * <p>Moments and equivalent-ellipse axes follow Burger W. and Burge M.J., 2008, "Digital Image
 * Processing: An Algorithmic Introduction Using Java", Springer, Ch. 11; the perimeter uses the
 * weighted border-pixel count of scikit-image {@code regionprops} (Benkrid K., Crookes D. and
 * Benkrid A., 2000, "Design and FPGA implementation of a perimeter estimator", Proc. Irish Machine
 * Vision and Image Processing Conference); the convex hull of the pixel corners is computed by
 * Andrew's monotone chain (Andrew A.M., 1979, Information Processing Letters 9(5):216-219) and the
 * Feret diameters by rotating calipers (Shamos M.I., 1978, "Computational Geometry", PhD thesis,
 * Yale; Toussaint G.T., 1983, "Solving geometric problems with the rotating calipers", Proc. IEEE
 * MELECON).
 */
public final class RegionProperties {
  private RegionProperties() {}

  private static final double SQRT2 = Math.sqrt(2);

  /** Properties of every label 1..max present (labels absent from the image are skipped). */
  public static List<RegionProps> compute(int[] labels, int w, int h, float[] intensity) {
    int n = labels.length;
    int max = 0;
    for (int l : labels) {
      if (l < 0) {
        throw new IllegalArgumentException("labels must be >= 0, found " + l);
      }
      max = Math.max(max, l);
    }
    int[] start = new int[max + 2];
    for (int l : labels) {
      start[l + 1]++;
    }
    for (int i = 1; i < start.length; i++) {
      start[i] += start[i - 1];
    }
    int[] pos = start.clone();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[pos[labels[i]]++] = i;
    }
    List<RegionProps> out = new ArrayList<>();
    double[] hullPts = new double[0];
    for (int l = 1; l <= max; l++) {
      int s = start[l];
      int e = start[l + 1];
      int a = e - s;
      if (a == 0) {
        continue;
      }
      double sx = 0;
      double sy = 0;
      double sI = 0;
      int minX = Integer.MAX_VALUE;
      int minY = Integer.MAX_VALUE;
      int maxX = -1;
      int maxY = -1;
      boolean border = false;
      double perim = 0;
      for (int k = s; k < e; k++) {
        int i = order[k];
        int x = i % w;
        int y = i / w;
        sx += x;
        sy += y;
        if (intensity != null) {
          sI += intensity[i];
        }
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
          border = true;
        }
        if (isBorder(labels, w, h, x, y, l)) {
          int code = 1;
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              if (dx == 0 && dy == 0) {
                continue;
              }
              int nx = x + dx;
              int ny = y + dy;
              if (nx < 0 || ny < 0 || nx >= w || ny >= h || labels[ny * w + nx] != l) {
                continue;
              }
              if (isBorder(labels, w, h, nx, ny, l)) {
                code += (dx == 0 || dy == 0) ? 2 : 10;
              }
            }
          }
          perim += weight(code);
        }
      }
      double cx = sx / a;
      double cy = sy / a;
      double mxx = 0;
      double myy = 0;
      double mxy = 0;
      for (int k = s; k < e; k++) {
        int i = order[k];
        double dx = i % w - cx;
        double dy = i / w - cy;
        mxx += dx * dx;
        myy += dy * dy;
        mxy += dx * dy;
      }
      mxx /= a;
      myy /= a;
      mxy /= a;
      double tr = 0.5 * (mxx + myy);
      double disc = Math.sqrt(0.25 * (mxx - myy) * (mxx - myy) + mxy * mxy);
      double major = 4 * Math.sqrt(Math.max(0, tr + disc));
      double minor = 4 * Math.sqrt(Math.max(0, tr - disc));
      // pixel-corner extreme points per row: order is raster, so rows are contiguous
      int rows = maxY - minY + 1;
      if (hullPts.length < rows * 8) {
        hullPts = new double[rows * 8];
      }
      int np = 0;
      int k = s;
      while (k < e) {
        int i0 = order[k];
        int y = i0 / w;
        int xl = i0 % w;
        int xr = xl;
        while (k < e && order[k] / w == y) {
          xr = order[k] % w;
          k++;
        }
        hullPts[np++] = xl;
        hullPts[np++] = y;
        hullPts[np++] = xl;
        hullPts[np++] = y + 1;
        hullPts[np++] = xr + 1;
        hullPts[np++] = y;
        hullPts[np++] = xr + 1;
        hullPts[np++] = y + 1;
      }
      double[] hull = ConvexHull.hull(hullPts, np / 2);
      double convexArea = ConvexHull.area(hull);
      double[] feret = ConvexHull.feret(hull);
      out.add(
          new RegionProps(
              l,
              a,
              cx,
              cy,
              minX,
              minY,
              maxX,
              maxY,
              perim,
              Math.sqrt(4.0 * a / Math.PI),
              feret[0],
              feret[1],
              major,
              minor,
              convexArea,
              intensity == null ? Double.NaN : sI / a,
              border));
    }
    return out;
  }

  private static boolean isBorder(int[] lab, int w, int h, int x, int y, int l) {
    // a region pixel is a border pixel when a 4-neighbour is outside the region or the image
    if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
      return true;
    }
    int i = y * w + x;
    return lab[i - 1] != l || lab[i + 1] != l || lab[i - w] != l || lab[i + w] != l;
  }

  private static double weight(int code) {
    switch (code) {
      case 5:
      case 7:
      case 15:
      case 17:
      case 25:
      case 27:
        return 1;
      case 21:
      case 33:
        return SQRT2;
      case 13:
      case 23:
        return (1 + SQRT2) / 2;
      default:
        return 0;
    }
  }
}
