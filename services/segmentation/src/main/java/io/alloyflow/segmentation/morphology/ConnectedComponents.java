package io.alloyflow.segmentation.morphology;

/**
 * Connected-component labelling by the classical two-pass algorithm with a union-find equivalence
 * table (Rosenfeld A. and Pfaltz J.L., 1966, J. ACM 13(4):471-494; array-based union-find as in
 * Wu K., Otoo E. and Suzuki K., 2009, "Optimizing two-pass connected-component labeling
 * algorithms", Pattern Analysis and Applications 12:117-135). Labels are 1..n numbered in raster
 * order of each component's first pixel; 0 is background.
 */
public final class ConnectedComponents {
  private ConnectedComponents() {}

  /** Labels the non-zero pixels of a binary mask (8- or 4-connectivity). */
  public static int[] label(byte[] mask, int w, int h, boolean eightConnected) {
    int[] v = new int[mask.length];
    for (int i = 0; i < mask.length; i++) {
      v[i] = mask[i] != 0 ? 1 : 0;
    }
    return labelRegions(v, w, h, eightConnected, 0);
  }

  /**
   * Labels connected regions of equal value in a class map; pixels with value {@code background}
   * get 0 (pass a negative background to label every class, including 0).
   */
  public static int[] labelRegions(int[] v, int w, int h, boolean eight, int background) {
    int n = v.length;
    if ((long) w * h != n) {
      throw new IllegalArgumentException("array of " + n + " values is not " + w + "x" + h);
    }
    int[] lab = new int[n];
    int[] parent = new int[n / 2 + 2];
    int next = 1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int c = v[i];
        if (c == background) {
          continue;
        }
        int l = 0;
        // neighbours already visited: W, NW, N, NE
        if (x > 0 && v[i - 1] == c) {
          l = lab[i - 1];
        }
        if (y > 0) {
          int up = i - w;
          if (v[up] == c) {
            l = merge(parent, l, lab[up]);
          }
          if (eight) {
            if (x > 0 && v[up - 1] == c) {
              l = merge(parent, l, lab[up - 1]);
            }
            if (x < w - 1 && v[up + 1] == c) {
              l = merge(parent, l, lab[up + 1]);
            }
          }
        }
        if (l == 0) {
          if (next >= parent.length) {
            parent = java.util.Arrays.copyOf(parent, parent.length * 2);
          }
          parent[next] = next;
          l = next++;
        }
        lab[i] = l;
      }
    }
    // flatten: final label numbering in raster order of first pixel
    int[] finalId = new int[next];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int l = lab[i];
      if (l == 0) {
        continue;
      }
      int r = find(parent, l);
      if (finalId[r] == 0) {
        finalId[r] = ++count;
      }
      lab[i] = finalId[r];
    }
    return lab;
  }

  private static int find(int[] p, int a) {
    while (p[a] != a) {
      p[a] = p[p[a]];
      a = p[a];
    }
    return a;
  }

  private static int merge(int[] p, int a, int b) {
    if (a == 0) {
      return find(p, b);
    }
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra == rb) {
      return ra;
    }
    if (ra < rb) {
      p[rb] = ra;
      return ra;
    }
    p[ra] = rb;
    return rb;
  }

  /** Number of labels (the largest label) in a label array. */
  public static int count(int[] labels) {
    int m = 0;
    for (int l : labels) {
      m = Math.max(m, l);
    }
    return m;
  }
}
