package io.alloyflow.fusion.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SuperpixelsTest {

  /** A noisy disc of radius 10 at +2 noise sigmas on a flat background. */
  static float[] disc(int w, int h, double contrast, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] img = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in = Math.hypot(x - 32.3, y - 31.7) < 10;
        img[y * w + x] = (float) ((in ? contrast : 0) + noise * rng.nextGaussian());
      }
    }
    return img;
  }

  @Test
  void superpixelsFollowAParticleBoundaryInNoise() {
    int w = 64;
    int h = 64;
    float[] img = disc(w, h, 2.0, 1.0, 3);
    Superpixels sp = Superpixels.slic(ImageFilters.gaussian(img, w, h, 1), w, h, 6, 0.5, 1.0,
        10);
    // purity: the share of pixels whose superpixel majority matches their own side of the edge
    int[] inside = new int[sp.count()];
    int[] sizes = sp.sizes();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (Math.hypot(x - 32.3, y - 31.7) < 10) {
          inside[sp.labels()[y * w + x]]++;
        }
      }
    }
    int pure = 0;
    for (int c = 0; c < sp.count(); c++) {
      pure += Math.max(inside[c], sizes[c] - inside[c]);
    }
    double purity = pure / (double) (w * h);
    assertTrue(purity > 0.95, "superpixel purity " + purity);
    // a compact grid on a flat image gives about (64/6)^2 regions
    Superpixels flat = Superpixels.slic(new float[w * h], w, h, 6, 0.5, 1.0, 10);
    assertTrue(flat.count() >= 90 && flat.count() <= 140, "regions on a flat image: "
        + flat.count());
  }

  @Test
  void everySuperpixelIsOneConnectedComponent() {
    int w = 48;
    int h = 40;
    float[] img = disc(w, h, 1.0, 1.0, 5);
    Superpixels sp = Superpixels.slic(img, w, h, 5, 0.3, 1.0, 10);
    int[] seen = new int[sp.count()];
    boolean[] visited = new boolean[w * h];
    int components = 0;
    for (int s = 0; s < w * h; s++) {
      if (visited[s]) {
        continue;
      }
      components++;
      seen[sp.labels()[s]]++;
      ArrayDeque<Integer> q = new ArrayDeque<>();
      q.add(s);
      visited[s] = true;
      while (!q.isEmpty()) {
        int p = q.poll();
        int x = p % w;
        int y = p / w;
        int[][] nb = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
        for (int[] c : nb) {
          if (c[0] >= 0 && c[1] >= 0 && c[0] < w && c[1] < h) {
            int r = c[1] * w + c[0];
            if (!visited[r] && sp.labels()[r] == sp.labels()[p]) {
              visited[r] = true;
              q.add(r);
            }
          }
        }
      }
    }
    assertEquals(sp.count(), components, "one component per superpixel");
    for (int c = 0; c < sp.count(); c++) {
      assertEquals(1, seen[c], "superpixel " + c + " components");
    }
  }

  @Test
  void regionMeansSeparateTheParticleThatPixelsCannot() {
    int w = 64;
    int h = 64;
    // contrast of 1.5 noise sigmas: a single pixel threshold misclassifies ~23 % of the pixels
    float[] img = disc(w, h, 1.5, 1.0, 11);
    RegionFeatures rf = RegionFeatures.of(img, w, h, null, null);
    float[] mean = rf.columns().get(rf.names().indexOf("reg4_bse_mean"));
    int wrong = 0;
    int wrongPixel = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in = Math.hypot(x - 32.3, y - 31.7) < 10;
        if ((mean[y * w + x] > 0.75) != in) {
          wrong++;
        }
        if ((img[y * w + x] > 0.75) != in) {
          wrongPixel++;
        }
      }
    }
    assertTrue(wrong < wrongPixel / 4, "region errors " + wrong + " vs pixel errors "
        + wrongPixel);
  }
}
