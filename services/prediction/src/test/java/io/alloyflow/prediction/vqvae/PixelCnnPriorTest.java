package io.alloyflow.prediction.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelCnnPriorTest {

  static final int SIDE = 6;
  static final int K = 16;

  static PixelCnnPrior.Config cfg(int epochs, int bins) {
    return new PixelCnnPrior.Config(K, SIDE, 4, 8, 3, 3, bins, epochs, 16, 0.01, 5);
  }

  /** Largest |logit change| at each position (all codes) between two logit arrays. */
  private static double[] change(float[] a, float[] b) {
    int m = SIDE * SIDE;
    double[] d = new double[m];
    for (int k = 0; k < K; k++) {
      for (int p = 0; p < m; p++) {
        d[p] = Math.max(d[p], Math.abs(a[k * m + p] - b[k * m + p]));
      }
    }
    return d;
  }

  @Test
  void theMaskedStacksAreCausalInRasterOrderAndHaveNoBlindSpot() {
    try (PixelCnnPrior p = PixelCnnPrior.untrained(cfg(0, 3))) {
      SplittableRandom r = new SplittableRandom(1);
      int m = SIDE * SIDE;
      int[] codes = new int[m];
      for (int q = 0; q < m; q++) {
        codes[q] = r.nextInt(K);
      }
      float[] base = p.logits(new int[][] {codes}, new int[] {1})[0];
      for (int q : new int[] {0, 7, 14, 20, 29, 35}) {
        int[] changed = codes.clone();
        changed[q] = (codes[q] + 5) % K;
        double[] d = change(base, p.logits(new int[][] {changed}, new int[] {1})[0]);
        for (int pos = 0; pos <= q; pos++) {
          assertEquals(0.0, d[pos], 1e-5,
              "the logits at position " + pos + " moved when code " + q + " (not earlier) changed");
        }
        int i = q / SIDE;
        int j = q % SIDE;
        if (j + 1 < SIDE) {
          assertTrue(d[q + 1] > 1e-4, "right neighbour of " + q + " ignores it: " + d[q + 1]);
        }
        if (i + 1 < SIDE && j > 0) {
          // below-left: q is upper-right of it, the blind spot of a single masked stack
          assertTrue(d[q + SIDE - 1] > 1e-4, "position below-left of " + q + " ignores it");
        }
        if (i + 1 < SIDE && j + 1 < SIDE) {
          assertTrue(d[q + SIDE + 1] > 1e-4, "position below-right of " + q + " ignores it");
        }
      }
      // the condition reaches every position, including the first
      double[] db = change(base, p.logits(new int[][] {codes}, new int[] {2})[0]);
      for (int pos = 0; pos < m; pos++) {
        assertTrue(db[pos] > 1e-5, "bin does not reach position " + pos);
      }
    }
  }

  @Test
  void masksOfTypeAandB() {
    // 1 out, 1 in, 3x3: vertical first = top row; vertical later = top two rows;
    // horizontal A = centre-left; horizontal B = centre-left and centre
    assertArrayEquals(new float[] {1, 1, 1, 0, 0, 0, 0, 0, 0},
        GatedPixelCnnBlock.mask(1, 1, 3, true, true));
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 0},
        GatedPixelCnnBlock.mask(1, 1, 3, true, false));
    assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 0, 0},
        GatedPixelCnnBlock.mask(1, 1, 3, false, true));
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 0, 0, 0},
        GatedPixelCnnBlock.mask(1, 1, 3, false, false));
  }

  /**
   * Toy code maps whose statistics depend on the bin: bin b draws codes from {4b .. 4b+3} with a
   * left-to-right ramp, so both the marginal and the context carry the bin.
   */
  static int[][] toyCodes(int n, int bins, int[] binOut, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] out = new int[n][SIDE * SIDE];
    for (int i = 0; i < n; i++) {
      int b = i % bins;
      binOut[i] = b;
      for (int q = 0; q < SIDE * SIDE; q++) {
        int ramp = (q % SIDE) * 4 / SIDE;
        out[i][q] = 4 * b + (r.nextDouble() < 0.8 ? ramp : r.nextInt(4));
      }
    }
    return out;
  }

  @Test
  void theConditionalLikelihoodIdentifiesTheBinOfHeldOutToyMaps(@TempDir Path dir)
      throws Exception {
    int[] bins = new int[96];
    int[][] codes = toyCodes(96, 3, bins, 11);
    int[] tb = new int[30];
    int[][] test = toyCodes(30, 3, tb, 12);
    try (PixelCnnPrior p = PixelCnnPrior.train(codes, bins, cfg(25, 3))) {
      var h = p.history();
      assertTrue(h.get(h.size() - 1) < 0.6 * h.get(0), "NLL fell: " + h);
      float[][][] ll = p.logLikelihoodAllBins(test);
      for (int i = 0; i < test.length; i++) {
        int best = 0;
        double bv = -Double.MAX_VALUE;
        for (int b = 0; b < 3; b++) {
          double s = 0;
          for (float v : ll[i][b]) {
            s += v;
          }
          if (s > bv) {
            bv = s;
            best = b;
          }
        }
        assertEquals(tb[i], best, "bin of held-out toy map " + i);
      }
      p.save(dir);
      try (PixelCnnPrior back = PixelCnnPrior.load(dir)) {
        assertArrayEquals(p.logLikelihood(test, tb)[3], back.logLikelihood(test, tb)[3], 1e-5f);
      }
    }
  }

  @Test
  void softConditioningWithACosineScheduleAlsoIdentifiesTheBin() {
    int[] bins = new int[96];
    int[][] codes = toyCodes(96, 3, bins, 11);
    int[] tb = new int[30];
    int[][] test = toyCodes(30, 3, tb, 12);
    var bn = new LikelihoodRegressor.Bins(new double[] {1, 2}, new double[] {0.5, 1.5, 2.5},
        new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});
    float[][] cond = new float[codes.length][];
    for (int i = 0; i < codes.length; i++) {
      cond[i] = bn.condition(bn.centres()[bins[i]], 0.5);
    }
    var c = new PixelCnnPrior.Config(K, SIDE, 4, 8, 3, 3, 3, 25, 16, 0.01, 5, true);
    try (PixelCnnPrior p = PixelCnnPrior.train(codes, cond, c)) {
      float[][] grid = new float[3][];
      for (int b = 0; b < 3; b++) {
        grid[b] = bn.conditionOfBin(b, 0.5);
      }
      float[][][] ll = p.logLikelihoodGrid(test, grid);
      int right = 0;
      for (int i = 0; i < test.length; i++) {
        int best = 0;
        double bv = -Double.MAX_VALUE;
        for (int b = 0; b < 3; b++) {
          double s = 0;
          for (float v : ll[i][b]) {
            s += v;
          }
          if (s > bv) {
            bv = s;
            best = b;
          }
        }
        right += best == tb[i] ? 1 : 0;
      }
      assertEquals(test.length, right, "held-out toy maps whose bin was identified");
      var e = assertThrows(IllegalArgumentException.class,
          () -> p.logLikelihood(test, new float[][] {{0.5f, 0.5f}}));
      assertTrue(e.getMessage().contains("one conditioning vector per code map"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> p.logLikelihood(new int[][] {test[0]}, new float[][] {{0.5f, 0.5f}}));
      assertTrue(e.getMessage().contains("one per bin (3)"), e.getMessage());
    }
  }

  @Test
  void badCodesAndBinsAreRejected() {
    try (PixelCnnPrior p = PixelCnnPrior.untrained(cfg(0, 2))) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> p.logLikelihood(new int[][] {new int[SIDE * SIDE - 1]}, new int[] {0}));
      assertTrue(e.getMessage().contains("expects 36"), e.getMessage());
      int[] bad = new int[SIDE * SIDE];
      bad[3] = K;
      e = assertThrows(IllegalArgumentException.class,
          () -> p.logLikelihood(new int[][] {bad}, new int[] {0}));
      assertTrue(e.getMessage().contains("holds code 16"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> p.logLikelihood(new int[][] {new int[SIDE * SIDE]}, new int[] {2}));
      assertTrue(e.getMessage().contains("outside 0..1"), e.getMessage());
    }
  }
}
