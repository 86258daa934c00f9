package io.alloyflow.segmentation.morphology;

/**
 * Binary morphology with disk structuring elements on {@code byte[]} masks (0 = background,
 * non-zero = foreground).
 *
 * <p>Serra J., 1982, "Image Analysis and Mathematical Morphology", Academic Press. A disk of radius
 * r holds the offsets with {@code dx^2 + dy^2 <= r^2} (as scikit-image {@code disk}). The disk is
 * decomposed into one horizontal run per row offset and each run is evaluated with a running row
 * count, so dilation costs O(N (2r+1)) instead of O(N r^2). Outside the image counts as background
 * for dilation and as foreground for erosion (scipy's {@code border_value=1} convention used by
 * scikit-image), so erosion does not eat objects touching the border.
 */
public final class BinaryMorphology {
  private BinaryMorphology() {}

  /** Half-width of the disk's horizontal run at each row offset dy in [-r, r]. */
  static int[] diskRuns(int r) {
    if (r < 0) {
      throw new IllegalArgumentException("disk radius must be >= 0, found " + r);
    }
    int[] runs = new int[2 * r + 1];
    for (int dy = -r; dy <= r; dy++) {
      runs[dy + r] = (int) Math.floor(Math.sqrt((double) r * r - (double) dy * dy) + 1e-9);
    }
    return runs;
  }

  /** Dilation by a disk of radius r. */
  public static byte[] dilate(byte[] m, int w, int h, int r) {
    int[] runs = diskRuns(r);
    // prefix counts per row
    int[] pre = new int[(w + 1) * h];
    for (int y = 0; y < h; y++) {
      int base = y * (w + 1);
      for (int x = 0; x < w; x++) {
        pre[base + x + 1] = pre[base + x] + (m[y * w + x] != 0 ? 1 : 0);
      }
    }
    byte[] out = new byte[m.length];
    for (int y = 0; y < h; y++) {
      for (int dy = -r; dy <= r; dy++) {
        int sy = y + dy;
        if (sy < 0 || sy >= h) {
          continue;
        }
        int rw = runs[dy + r];
        int base = sy * (w + 1);
        if (pre[base + w] == 0) {
          continue;
        }
        int o = y * w;
        for (int x = 0; x < w; x++) {
          if (out[o + x] != 0) {
            continue;
          }
          int x0 = Math.max(0, x - rw);
          int x1 = Math.min(w, x + rw + 1);
          if (pre[base + x1] - pre[base + x0] > 0) {
            out[o + x] = 1;
          }
        }
      }
    }
    return out;
  }

  /** Erosion by a disk of radius r (outside the image counts as foreground). */
  public static byte[] erode(byte[] m, int w, int h, int r) {
    byte[] inv = new byte[m.length];
    for (int i = 0; i < m.length; i++) {
      inv[i] = m[i] != 0 ? 0 : (byte) 1;
    }
    byte[] d = dilate(inv, w, h, r);
    byte[] out = new byte[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = d[i] != 0 ? 0 : (byte) 1;
    }
    return out;
  }

  /** Opening (erosion then dilation): removes features smaller than the disk. */
  public static byte[] open(byte[] m, int w, int h, int r) {
    return dilate(erode(m, w, h, r), w, h, r);
  }

  /** Closing (dilation then erosion): fills gaps smaller than the disk. */
  public static byte[] close(byte[] m, int w, int h, int r) {
    return erode(dilate(m, w, h, r), w, h, r);
  }

  /**
   * Fills holes: background regions (4-connected) that do not touch the image border become
   * foreground (Soille P., 2003, "Morphological Image Analysis", Sec. 6.3.7).
   */
  public static byte[] fillHoles(byte[] m, int w, int h) {
    byte[] reach = new byte[m.length];
    int[] stack = new int[m.length];
    int sp = 0;
    for (int x = 0; x < w; x++) {
      sp = seed(m, reach, stack, sp, x);
      sp = seed(m, reach, stack, sp, (h - 1) * w + x);
    }
    for (int y = 0; y < h; y++) {
      sp = seed(m, reach, stack, sp, y * w);
      sp = seed(m, reach, stack, sp, y * w + w - 1);
    }
    while (sp > 0) {
      int i = stack[--sp];
      int x = i % w;
      int y = i / w;
      if (x > 0) {
        sp = seed(m, reach, stack, sp, i - 1);
      }
      if (x < w - 1) {
        sp = seed(m, reach, stack, sp, i + 1);
      }
      if (y > 0) {
        sp = seed(m, reach, stack, sp, i - w);
      }
      if (y < h - 1) {
        sp = seed(m, reach, stack, sp, i + w);
      }
    }
    byte[] out = new byte[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = (m[i] != 0 || reach[i] == 0) ? (byte) 1 : 0;
    }
    return out;
  }

  private static int seed(byte[] m, byte[] reach, int[] stack, int sp, int i) {
    if (m[i] == 0 && reach[i] == 0) {
      reach[i] = 1;
      stack[sp++] = i;
    }
    return sp;
  }

  /** Removes connected foreground components (8-connected) with fewer than minArea pixels. */
  public static byte[] removeSmallObjects(byte[] m, int w, int h, int minArea) {
    int[] lab = ConnectedComponents.label(m, w, h, true);
    int n = 0;
    for (int l : lab) {
      n = Math.max(n, l);
    }
    int[] area = new int[n + 1];
    for (int l : lab) {
      area[l]++;
    }
    byte[] out = new byte[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = lab[i] > 0 && area[lab[i]] >= minArea ? (byte) 1 : 0;
    }
    return out;
  }
}
