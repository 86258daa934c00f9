package io.alloyflow.segmentation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Synthetic test images with exact ground truth. */
public final class Fixtures {
  private Fixtures() {}

  /** Disks (cx, cy, r) rasterised on pixel centres; instance id = index + 1 (later wins). */
  public static int[] disks(int w, int h, double[][] c) {
    int[] m = new int[w * h];
    for (int k = 0; k < c.length; k++) {
      double r2 = c[k][2] * c[k][2];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double dx = x - c[k][0];
          double dy = y - c[k][1];
          if (dx * dx + dy * dy <= r2) {
            m[y * w + x] = k + 1;
          }
        }
      }
    }
    return m;
  }

  /** Random non-overlapping disks. */
  public static double[][] randomDisks(int w, int h, int n, double rMin, double rMax, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] out = new double[n][];
    int k = 0;
    int tries = 0;
    while (k < n && tries++ < 100000) {
      double r = rMin + rnd.nextDouble() * (rMax - rMin);
      double x = r + rnd.nextDouble() * (w - 2 * r);
      double y = r + rnd.nextDouble() * (h - 2 * r);
      boolean ok = true;
      for (int j = 0; j < k; j++) {
        if (Math.hypot(x - out[j][0], y - out[j][1]) < r + out[j][2] + 2) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out[k++] = new double[] {x, y, r};
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /** Intensity image: class c gets mean[c], plus Gaussian noise of the given sd. */
  public static float[] render(int[] classes, double[] mean, double sd, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] px = new float[classes.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) (mean[classes[i]] + sd * gauss(rnd));
    }
    return px;
  }

  public static double gauss(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Voronoi tessellation: grain id (1..n) of the nearest seed, boundaries (0) of given width. */
  public record Voronoi(int[] grains, double[][] seeds, int w, int h) {}

  public static Voronoi voronoi(int w, int h, int n, long seed, boolean boundaries) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] s = new double[n][2];
    for (int i = 0; i < n; i++) {
      s[i][0] = rnd.nextDouble() * w;
      s[i][1] = rnd.nextDouble() * h;
    }
    int[] g = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        g[y * w + x] = nearest(s, x + 0.5, y + 0.5) + 1;
      }
    }
    if (boundaries) {
      int[] b = g.clone();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if ((x + 1 < w && g[i + 1] != g[i]) || (y + 1 < h && g[i + w] != g[i])) {
            b[i] = 0;
          }
        }
      }
      g = b;
    }
    return new Voronoi(g, s, w, h);
  }

  public static int nearest(double[][] s, double x, double y) {
    int best = 0;
    double bd = Double.MAX_VALUE;
    for (int i = 0; i < s.length; i++) {
      double d = (s[i][0] - x) * (s[i][0] - x) + (s[i][1] - y) * (s[i][1] - y);
      if (d < bd) {
        bd = d;
        best = i;
      }
    }
    return best;
  }

  /** The shared data folder or null when absent. */
  public static Path sharedData() {
    String p = System.getProperty("alloyflow.sharedData");
    Path d = p != null ? Path.of(p) : Path.of("../shared/data");
    if (!Files.isDirectory(d)) {
      d = Path.of("../../../shared/data");
    }
    return Files.isDirectory(d) ? d : null;
  }
}
