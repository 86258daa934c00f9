package io.alloyflow.segmentation.instance;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * Turns three-class U-Net probabilities (background / inside / boundary) into instances:
 * connected components (8-connected) of {@code p_inside >= seedThreshold} with at least {@code
 * minSeedArea} pixels become markers; a marker-controlled watershed (Beucher and Meyer 1993, in
 * Dougherty (ed.) "Mathematical Morphology in Image Processing", 433-481; priority flooding of
 * Meyer 1991) on the relief {@code 1 - p_inside} grows them over the foreground {@code p_background
 * < 0.5}. Foreground components that hold no marker become one instance each. Instances smaller
 * than {@code minArea} are dropped. Each instance is scored by its mean foreground probability
 * {@code 1 - p_background} times the maximum inside probability (confidence for AP ranking).
 *
 * @param seedThreshold inside-probability threshold for markers
 * @param minSeedArea smallest marker in pixels
 * @param minArea smallest instance in pixels
 */
public record InstanceDecoder(double seedThreshold, int minSeedArea, int minArea) {

  public InstanceDecoder {
    if (!(seedThreshold > 0 && seedThreshold < 1)) {
      throw new IllegalArgumentException(
          "seed threshold must be in (0, 1), found " + seedThreshold);
    }
    if (minSeedArea < 1 || minArea < 1) {
      throw new IllegalArgumentException(
          "min seed area and min area must be >= 1, found " + minSeedArea + ", " + minArea);
    }
  }

  /** Instance map (0 = background, 1..count) and per-instance scores (index = label). */
  public record Instances(int[] labels, int count, double[] scores) {}

  /**
   * Decodes probabilities {@code probs[class][pixel]} of a {@code w x h} image, classes as in
   * {@link ThreeClassTargets}.
   */
  public Instances decode(float[][] probs, int w, int h) {
    int n = w * h;
    if (probs.length != 3 || probs[0].length != n) {
      throw new IllegalArgumentException(
          "expected 3 probability planes of " + n + " pixels, found " + probs.length
              + (probs.length > 0 ? " of " + probs[0].length : ""));
    }
    float[] pBg = probs[ThreeClassTargets.BACKGROUND];
    float[] pIn = probs[ThreeClassTargets.INSIDE];
    byte[] fg = new byte[n];
    byte[] core = new byte[n];
    for (int i = 0; i < n; i++) {
      fg[i] = (byte) (pBg[i] < 0.5f ? 1 : 0);
      core[i] = (byte) (fg[i] == 1 && pIn[i] >= seedThreshold ? 1 : 0);
    }
    int[] markers = components(core, w, h);
    int nm = 0;
    for (int m : markers) {
      nm = Math.max(nm, m);
    }
    int[] area = new int[nm + 1];
    for (int m : markers) {
      area[m]++;
    }
    int[] remap = new int[nm + 1];
    int next = 0;
    for (int m = 1; m <= nm; m++) {
      remap[m] = area[m] >= minSeedArea ? ++next : 0;
    }
    for (int i = 0; i < n; i++) {
      markers[i] = remap[markers[i]];
    }
    int[] labels = flood(pIn, markers, fg, w, h);
    // foreground without a marker: one instance per remaining component
    byte[] rest = new byte[n];
    for (int i = 0; i < n; i++) {
      rest[i] = (byte) (fg[i] == 1 && labels[i] == 0 ? 1 : 0);
    }
    int[] extra = components(rest, w, h);
    for (int i = 0; i < n; i++) {
      if (extra[i] > 0) {
        labels[i] = next + extra[i];
      }
    }
    int total = 0;
    for (int l : labels) {
      total = Math.max(total, l);
    }
    int[] size = new int[total + 1];
    double[] fgSum = new double[total + 1];
    double[] inMax = new double[total + 1];
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      size[l]++;
      fgSum[l] += 1 - pBg[i];
      inMax[l] = Math.max(inMax[l], pIn[i]);
    }
    int[] keep = new int[total + 1];
    int count = 0;
    for (int l = 1; l <= total; l++) {
      keep[l] = size[l] >= minArea ? ++count : 0;
    }
    double[] scores = new double[count + 1];
    for (int l = 1; l <= total; l++) {
      if (keep[l] > 0) {
        scores[keep[l]] = fgSum[l] / size[l] * inMax[l];
      }
    }
    for (int i = 0; i < n; i++) {
      labels[i] = keep[labels[i]];
    }
    return new Instances(labels, count, scores);
  }

  /** 8-connected components of a binary mask (0 = off), labels 1..k in raster order. */
  static int[] components(byte[] mask, int w, int h) {
    int[] lab = new int[mask.length];
    int next = 0;
    ArrayDeque<Integer> q = new ArrayDeque<>();
    for (int s = 0; s < mask.length; s++) {
      if (mask[s] == 0 || lab[s] != 0) {
        continue;
      }
      lab[s] = ++next;
      q.add(s);
      while (!q.isEmpty()) {
        int i = q.poll();
        int x = i % w;
        int y = i / w;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= w || yy >= h) {
              continue;
            }
            int j = yy * w + xx;
            if (mask[j] != 0 && lab[j] == 0) {
              lab[j] = next;
              q.add(j);
            }
          }
        }
      }
    }
    return lab;
  }

  /**
   * Marker-controlled watershed of the relief {@code 1 - pInside} by priority flooding (lowest
   * relief first, FIFO among equal keys), 8-connected, restricted to {@code mask}.
   */
  static int[] flood(float[] pInside, int[] markers, byte[] mask, int w, int h) {
    int[] out = markers.clone();
    PriorityQueue<long[]> pq =
        new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
            : Long.compare(a[1], b[1]));
    long age = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] != 0) {
        pq.add(new long[] {key(pInside[i]), age++, i});
      }
    }
    while (!pq.isEmpty()) {
      int i = (int) pq.poll()[2];
      int x = i % w;
      int y = i / w;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int xx = x + dx;
          int yy = y + dy;
          if ((dx == 0 && dy == 0) || xx < 0 || yy < 0 || xx >= w || yy >= h) {
            continue;
          }
          int j = yy * w + xx;
          if (mask[j] != 0 && out[j] == 0) {
            out[j] = out[i];
            pq.add(new long[] {key(pInside[j]), age++, j});
          }
        }
      }
    }
    return out;
  }

  private static long key(float pInside) {
    return Math.round((1.0 - pInside) * 1_000_000);
  }
}
