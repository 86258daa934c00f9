package io.alloyflow.prediction.shap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.model.FlatBatchModel;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Shapley values on synthetic functions whose true attributions are known. */
class ShapTest {
  static final List<String> NAMES4 = List.of("a", "b", "c", "d");
  static final int[][] SINGLE4 = {{0}, {1}, {2}, {3}};

  static double[][] random(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = r.nextDouble(-2, 2);
      }
    }
    return x;
  }

  /** For f = sum a_j x_j the interventional values are a_j (x_j - E_w[z_j]) exactly. */
  @Test
  void linearFunctionHasClosedFormAttributions() {
    double[] a = {3, -2, 0.5, 0};
    FlatBatchModel f = FlatBatchModel.of(x -> {
      double[] o = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 4; j++) {
          o[i] += a[j] * x[i][j];
        }
        o[i] += 10;
      }
      return o;
    });
    double[][] bg = random(6, 4, 1);
    double[] w = {0.1, 0.2, 0.3, 0.1, 0.2, 0.1};
    double[][] x = random(20, 4, 2);
    ShapValues s = ExactShap.explain(f, x, bg, w, SINGLE4, NAMES4);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        double ez = 0;
        for (int b = 0; b < bg.length; b++) {
          ez += w[b] * bg[b][j];
        }
        assertEquals(a[j] * (x[i][j] - ez), s.values()[i][j], 1e-10);
      }
    }
    assertTrue(s.maxAdditivityError() < 1e-12);
  }

  /**
   * f = x0 * x1 with a single background point z: the Shapley values split the interaction
   * equally, phi_0 = (x0 x1 - z0 x1 + x0 z1 - z0 z1) / 2 (Lundberg and Lee 2017), and a grouped
   * player {x0, x1} gets the whole difference.
   */
  @Test
  void interactionSplitsAndGroupsTakeTheirWhole() {
    FlatBatchModel f = FlatBatchModel.of(x -> {
      double[] o = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        o[i] = x[i][0] * x[i][1] + x[i][2];
      }
      return o;
    });
    double[][] bg = {{1, 2, 0}};
    double[][] x = {{3, -1, 5}};
    ShapValues s = ExactShap.explain(f, x, bg, null, new int[][] {{0}, {1}, {2}}, List.of("x0", "x1", "x2"));
    double x0 = 3, x1 = -1, z0 = 1, z1 = 2;
    assertEquals((x0 * x1 - z0 * x1 + x0 * z1 - z0 * z1) / 2, s.values()[0][0], 1e-12);
    assertEquals((x0 * x1 - x0 * z1 + z0 * x1 - z0 * z1) / 2, s.values()[0][1], 1e-12);
    assertEquals(5, s.values()[0][2], 1e-12);
    ShapValues g = ExactShap.explain(f, x, bg, null, new int[][] {{0, 1}, {2}}, List.of("x01", "x2"));
    assertEquals(x0 * x1 - z0 * z1, g.values()[0][0], 1e-12);
  }

  /** The true drivers of a nonlinear function rank first by mean |SHAP|, exact and kernel alike. */
  @Test
  void trueDriversRankFirst() {
    int d = 6;
    FlatBatchModel f = FlatBatchModel.of(x -> {
      double[] o = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        o[i] = 8 * Math.tanh(x[i][2]) + 3 * x[i][4] * x[i][4] + 0.3 * x[i][0] + 0.01 * x[i][5];
      }
      return o;
    });
    double[][] bg = random(8, d, 3);
    double[][] x = random(200, d, 4);
    int[][] players = {{0}, {1}, {2}, {3}, {4}, {5}};
    List<String> names = List.of("x0", "x1", "x2", "x3", "x4", "x5");
    ShapValues e = ExactShap.explain(f, x, bg, null, players, names);
    double[] imp = e.meanAbs();
    assertTrue(imp[2] > imp[4] && imp[4] > imp[0] && imp[0] > imp[5], java.util.Arrays.toString(imp));
    assertEquals(0.0, imp[1], 1e-12);
    assertEquals(0.0, imp[3], 1e-12);
    ShapValues k = KernelShap.explain(f, x, bg, null, players, names, 512, 9);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        worst = Math.max(worst, Math.abs(k.values()[i][j] - e.values()[i][j]));
      }
    }
    assertTrue(worst < 0.05, "kernel SHAP within 0.05 of exact, worst " + worst);
    assertTrue(k.maxAdditivityError() < 1e-9);
  }

  /**
   * Skipping the players a background row shares with the candidate (null players of that row's
   * game) gives the same values as enumerating every coalition for every row.
   */
  @Test
  void sharedValuesGiveTheSameValuesAsFullEnumeration() {
    FlatBatchModel f = FlatBatchModel.of(x -> {
      double[] o = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        o[i] = Math.sin(x[i][0]) * x[i][1] + x[i][2] * x[i][3] * x[i][4] + Math.exp(0.3 * x[i][3]);
      }
      return o;
    });
    double[][] x = random(5, 5, 7);
    double[][] bg = random(4, 5, 8);
    bg[0][1] = x[0][1];
    bg[0][2] = x[0][2];
    bg[1][3] = x[0][3];
    bg[1][4] = x[0][4];
    bg[2] = x[1].clone();
    int[][] players = {{0}, {1, 2}, {3}, {4}};
    double[] w = {0.4, 0.3, 0.2, 0.1};
    ShapValues s = ExactShap.explain(f, x, bg, w, players, List.of("a", "bc", "d", "e"));
    int m = players.length;
    for (int i = 0; i < x.length; i++) {
      double[] v = new double[1 << m];
      for (int mask = 0; mask < (1 << m); mask++) {
        for (int b = 0; b < bg.length; b++) {
          double[] row = bg[b].clone();
          for (int p = 0; p < m; p++) {
            if (((mask >> p) & 1) != 0) {
              for (int c : players[p]) {
                row[c] = x[i][c];
              }
            }
          }
          v[mask] += w[b] * f.predict(new double[][] {row})[0];
        }
      }
      for (int j = 0; j < m; j++) {
        double phi = 0;
        for (int mask = 0; mask < (1 << m); mask++) {
          if (((mask >> j) & 1) == 0) {
            int k = Integer.bitCount(mask);
            double wt = Math.exp(ExactShap.logFact(k) + ExactShap.logFact(m - k - 1) - ExactShap.logFact(m));
            phi += wt * (v[mask | (1 << j)] - v[mask]);
          }
        }
        assertEquals(phi, s.values()[i][j], 1e-12, "row " + i + " player " + j);
      }
    }
  }

  @Test
  void brokenAdditivityIsCaught() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ShapValues.checkAdditivity(1.0, new double[][] {{1.0, 1.0}}, new double[] {3.1}));
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
  }

  @Test
  void tooManyPlayersForExact() {
    int[][] p = new int[17][];
    for (int i = 0; i < 17; i++) {
      p[i] = new int[] {i};
    }
    assertThrows(IllegalArgumentException.class, () -> ExactShap.explain(
        FlatBatchModel.of(x -> new double[x.length]), new double[1][17], new double[1][17], null, p,
        java.util.Collections.nCopies(17, "p")));
  }

  @Test
  void backgroundMedoidsAreTrainingRows() {
    double[][] x = random(100, 3, 5);
    Background b = Background.summarise(x, 8, 1);
    assertEquals(8, b.rows().length);
    assertEquals(1.0, java.util.Arrays.stream(b.weights()).sum(), 1e-12);
    for (double[] r : b.rows()) {
      assertTrue(java.util.Arrays.stream(x).anyMatch(row -> java.util.Arrays.equals(row, r)));
    }
  }

  @Test
  void plotsArePngs() throws Exception {
    byte[] bars = ShapPlots.importance(NAMES4, new double[] {3, 1, 2, 0}, "HV", "importance");
    byte[] wf = ShapPlots.waterfall(NAMES4, 400, new double[] {30, -10, 5, 0}, 425, "HV", "waterfall");
    assertTrue(ImageIO.read(new ByteArrayInputStream(bars)).getWidth() > 100);
    assertTrue(ImageIO.read(new ByteArrayInputStream(wf)).getHeight() > 100);
  }
}
