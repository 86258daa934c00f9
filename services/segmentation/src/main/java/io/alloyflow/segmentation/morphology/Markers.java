package io.alloyflow.segmentation.morphology;

/**
 * Marker extraction for watershed: grey-scale reconstruction by dilation and h-maxima (Vincent L.,
 * 1993, "Morphological grayscale reconstruction in image analysis: applications and efficient
 * algorithms", IEEE Transactions on Image Processing 2(2):176-201; Soille P., 2003, "Morphological
 * Image Analysis", 2nd ed., Ch. 6), and peak_local_max-style local maxima with a minimum distance.
 */
public final class Markers {
  private Markers() {}

  /**
   * Grey-scale reconstruction by dilation of {@code marker} under {@code mask} (marker <= mask),
   * 8-connected, by Vincent's hybrid algorithm (raster, anti-raster scan, then FIFO propagation).
   */
  public static double[] reconstructByDilation(double[] marker, double[] mask, int w, int h) {
    int n = marker.length;
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = Math.min(marker[i], mask[i]);
    }
    // raster scan: N+ = W, NW, N, NE
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        double m = r[i];
        if (x > 0) {
          m = Math.max(m, r[i - 1]);
        }
        if (y > 0) {
          m = Math.max(m, r[i - w]);
          if (x > 0) {
            m = Math.max(m, r[i - w - 1]);
          }
          if (x < w - 1) {
            m = Math.max(m, r[i - w + 1]);
          }
        }
        r[i] = Math.min(m, mask[i]);
      }
    }
    int[] q = new int[Math.max(16, n / 8)];
    int qh = 0;
    int qt = 0;
    int[] ox = {1, -1, 1, 0};
    int[] oy = {0, 1, 1, 1};
    for (int y = h - 1; y >= 0; y--) {
      for (int x = w - 1; x >= 0; x--) {
        int i = y * w + x;
        double m = r[i];
        for (int k = 0; k < 4; k++) {
          int nx = x + ox[k];
          int ny = y + oy[k];
          if (nx >= 0 && nx < w && ny < h) {
            m = Math.max(m, r[ny * w + nx]);
          }
        }
        r[i] = Math.min(m, mask[i]);
        for (int k = 0; k < 4; k++) {
          int nx = x + ox[k];
          int ny = y + oy[k];
          if (nx >= 0 && nx < w && ny < h) {
            int j = ny * w + nx;
            if (r[j] < r[i] && r[j] < mask[j]) {
              if (qt == q.length) {
                q = java.util.Arrays.copyOf(q, q.length * 2);
              }
              q[qt++] = i;
              break;
            }
          }
        }
      }
    }
    // FIFO propagation (the queue array is compacted or grown when full)
    while (qh < qt) {
      int i = q[qh++];
      int x = i % w;
      int y = i / w;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if (dx == 0 && dy == 0) {
            continue;
          }
          int nx = x + dx;
          int ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
            continue;
          }
          int j = ny * w + nx;
          if (r[j] < r[i] && mask[j] != r[j]) {
            r[j] = Math.min(r[i], mask[j]);
            if (qt == q.length) {
              if (qh > q.length / 2) {
                System.arraycopy(q, qh, q, 0, qt - qh);
                qt -= qh;
                qh = 0;
              } else {
                q = java.util.Arrays.copyOf(q, q.length * 2);
              }
            }
            q[qt++] = j;
          }
        }
      }
    }
    return r;
  }

  /**
   * h-maxima: regional maxima of dynamic at least h (1 = pixel of an h-maximum), computed as
   * {@code image - R(image - h) >= h} as scikit-image 0.19 {@code h_maxima} does for floats.
   */
  public static byte[] hMaxima(double[] image, int w, int h, double hValue) {
    if (!(hValue > 0)) {
      throw new IllegalArgumentException("h must be > 0, found " + hValue);
    }
    int n = image.length;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : image) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    byte[] out = new byte[n];
    if (hValue > max - min) {
      return out;
    }
    double[] shifted = new double[n];
    for (int i = 0; i < n; i++) {
      double res = 2 * 1e-15 * Math.abs(image[i]);
      shifted[i] = image[i] - hValue - res;
    }
    double[] rec = reconstructByDilation(shifted, image, w, h);
    for (int i = 0; i < n; i++) {
      out[i] = image[i] - rec[i] >= hValue ? (byte) 1 : 0;
    }
    return out;
  }

  /**
   * Local maxima within a (2*minDistance+1)^2 window, above {@code thresholdAbs}, inside the mask,
   * then thinned greedily from the highest peak so that no two kept peaks are closer than
   * minDistance (Chebyshev), like scikit-image {@code peak_local_max(exclude_border=False)}.
   */
  public static byte[] peakLocalMax(
      double[] image, byte[] mask, int w, int h, int minDistance, double thresholdAbs) {
    int n = image.length;
    int r = Math.max(1, minDistance);
    // separable running maximum (square footprint)
    double[] rowMax = new double[n];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
          m = Math.max(m, image[y * w + k]);
        }
        rowMax[y * w + x] = m;
      }
    }
    java.util.List<Integer> cand = new java.util.ArrayList<>();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (mask != null && mask[i] == 0) {
          continue;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
          m = Math.max(m, rowMax[k * w + x]);
        }
        if (image[i] == m && image[i] > thresholdAbs) {
          cand.add(i);
        }
      }
    }
    cand.sort((a, b) -> Double.compare(image[b], image[a]));
    byte[] out = new byte[n];
    // grid of kept peaks for the spacing test
    int cell = r;
    int gw = w / cell + 1;
    int gh = h / cell + 1;
    java.util.List<java.util.List<Integer>> grid = new java.util.ArrayList<>(gw * gh);
    for (int i = 0; i < gw * gh; i++) {
      grid.add(null);
    }
    for (int i : cand) {
      int x = i % w;
      int y = i / w;
      int gx = x / cell;
      int gy = y / cell;
      boolean ok = true;
      for (int yy = Math.max(0, gy - 1); yy <= Math.min(gh - 1, gy + 1) && ok; yy++) {
        for (int xx = Math.max(0, gx - 1); xx <= Math.min(gw - 1, gx + 1) && ok; xx++) {
          java.util.List<Integer> l = grid.get(yy * gw + xx);
          if (l == null) {
            continue;
          }
          for (int j : l) {
            if (Math.max(Math.abs(j % w - x), Math.abs(j / w - y)) < minDistance) {
              ok = false;
              break;
            }
          }
        }
      }
      if (ok) {
        out[i] = 1;
        int gi = gy * gw + gx;
        if (grid.get(gi) == null) {
          grid.set(gi, new java.util.ArrayList<>());
        }
        grid.get(gi).add(i);
      }
    }
    return out;
  }
}
