package io.alloyflow.segmentation.morphology;

/**
 * Clean-up of multi-class label maps: every 4-connected region of one class smaller than a minimum
 * area is given to the class that surrounds it (the most frequent class among the pixels that
 * touch the region from outside). For a two-class map this is small-object removal and
 * small-hole filling at once (Soille P., 2003, "Morphological Image Analysis", 2nd ed.,
 * Springer, sec. 4.4, area opening / closing, applied per connected component); regions are
 * handled from the smallest up, and a region that has grown by absorbing smaller neighbours is
 * kept when it has reached the minimum area.
 */
public final class LabelCleanup {
  private LabelCleanup() {}

  /**
   * Returns a copy of {@code classes} in which regions smaller than {@code minArea} pixels are
   * merged into their surrounding class; {@code minArea <= 1} returns an unchanged copy.
   */
  public static int[] removeSmallRegions(int[] classes, int w, int h, int minArea) {
    if ((long) w * h != classes.length) {
      throw new IllegalArgumentException(
          "label map of " + classes.length + " pixels is not " + w + "x" + h);
    }
    int[] out = classes.clone();
    if (minArea <= 1) {
      return out;
    }
    int[] reg = ConnectedComponents.labelRegions(out, w, h, false, Integer.MIN_VALUE);
    int nReg = 0;
    for (int r : reg) {
      nReg = Math.max(nReg, r);
    }
    int[] area = new int[nReg + 1];
    int[] cls = new int[nReg + 1];
    for (int i = 0; i < reg.length; i++) {
      area[reg[i]]++;
      cls[reg[i]] = out[i];
    }
    // pixel lists per small region (counting sort by region id)
    int[] start = new int[nReg + 2];
    for (int i = 0; i < reg.length; i++) {
      if (area[reg[i]] < minArea) {
        start[reg[i] + 1]++;
      }
    }
    for (int r = 1; r <= nReg + 1; r++) {
      start[r] += start[r - 1];
    }
    int[] fill = start.clone();
    int[] pix = new int[start[nReg + 1]];
    for (int i = 0; i < reg.length; i++) {
      if (area[reg[i]] < minArea) {
        pix[fill[reg[i]]++] = i;
      }
    }
    Integer[] order = new Integer[nReg];
    int m = 0;
    for (int r = 1; r <= nReg; r++) {
      if (area[r] < minArea) {
        order[m++] = r;
      }
    }
    java.util.Arrays.sort(order, 0, m, (a, b) -> Integer.compare(area[a], area[b]));
    // union-find so that a merged region's pixels answer with the new owner's class
    int[] owner = new int[nReg + 1];
    for (int r = 0; r <= nReg; r++) {
      owner[r] = r;
    }
    java.util.Map<Integer, Integer> votes = new java.util.HashMap<>();
    for (int q = 0; q < m; q++) {
      int r = order[q];
      if (find(owner, r) != r || area[r] >= minArea) {
        continue;
      }
      votes.clear();
      for (int p = start[r]; p < start[r + 1]; p++) {
        int i = pix[p];
        int x = i % w;
        int y = i / w;
        if (x > 0) {
          vote(votes, owner, reg[i - 1], r, cls);
        }
        if (x + 1 < w) {
          vote(votes, owner, reg[i + 1], r, cls);
        }
        if (y > 0) {
          vote(votes, owner, reg[i - w], r, cls);
        }
        if (y + 1 < h) {
          vote(votes, owner, reg[i + w], r, cls);
        }
      }
      if (votes.isEmpty()) {
        continue; // the whole image is one region
      }
      int bestRoot = -1;
      int bestVotes = -1;
      for (var e : votes.entrySet()) {
        if (e.getValue() > bestVotes || (e.getValue() == bestVotes && e.getKey() < bestRoot)) {
          bestRoot = e.getKey();
          bestVotes = e.getValue();
        }
      }
      owner[r] = bestRoot;
      area[bestRoot] += area[r];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = cls[find(owner, reg[i])];
    }
    return out;
  }

  private static void vote(java.util.Map<Integer, Integer> votes, int[] owner, int nb, int self,
      int[] cls) {
    int root = find(owner, nb);
    if (root != self) {
      votes.merge(root, 1, Integer::sum);
    }
  }

  private static int find(int[] owner, int r) {
    while (owner[r] != r) {
      owner[r] = owner[owner[r]];
      r = owner[r];
    }
    return r;
  }
}
