package io.alloyflow.prediction.trained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import io.alloyflow.prediction.model.MlpEnsemble;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, storing, loading and predicting on the synthetic table with a known function. */
class TrainingTest {
  @TempDir Path dir;

  @Test
  void ensembleLearnsTheKnownFunctionAndBeatsNothing() throws Exception {
    Path table = TestTables.write(dir, 150, 5);
    Training.Result r = Training.run(table, "hardness", TestTables.smallSettings(true),
        new PrintStream(OutputStream.nullOutputStream()));
    var ens = r.cv().models().get("mlp-ensemble");
    assertTrue(ens.get("r2") > 0.8, "grouped-CV R2 on the synthetic function: " + ens);
    var blend = r.cv().models().get("blend");
    assertEquals(blend, r.cv().shipped(), "the blend is the shipped model");
    assertTrue(blend.get("r2") > 0.8 && blend.containsKey("coverage95"), "blend CV: " + blend);
    assertTrue(r.model().trees() != null && r.model().treeWeight() == 0.5);
    assertTrue(r.cv().models().containsKey("tribuo-xgboost"));
    assertTrue(r.cv().models().get("tribuo-linear").get("r2") > 0.5, "linear baseline fits: "
        + r.cv().models().get("tribuo-linear"));
    // members differ (different seeds) and the grouped folds never split an alloy
    MlpEnsemble e = r.model().ensemble();
    assertEquals(5, e.members().size());
    assertNotEquals(e.members().get(0).weights().get(0)[0], e.members().get(1).weights().get(0)[0]);
    assertEquals(0, io.alloyflow.prediction.data.GroupedFolds.leakedGroups(r.groups(), r.fold()));
    // the flat path and the row path agree
    double[] a = e.predict(r.x());
    double[] flat = new double[r.x().length * r.x()[0].length];
    for (int i = 0; i < r.x().length; i++) {
      System.arraycopy(r.x()[i], 0, flat, i * r.x()[0].length, r.x()[0].length);
    }
    double[] b = e.predictFlat(flat, r.x().length, r.x()[0].length);
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], b[i], 1e-9 * Math.abs(a[i]));
    }
  }

  @Test
  void savedModelReloadsToTheSameVersionAndRefusesOtherProperties() throws Exception {
    Path m = TestTables.model();
    ModelIO.Loaded l = ModelIO.load(m, "hardness");
    assertTrue(l.version().startsWith("hardness-"));
    assertEquals(l.version(), ModelIO.load(m, null).version());
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(m, "yield-strength"));
    assertTrue(x.getMessage().contains("predicts 'hardness', not 'yield-strength'"), x.getMessage());
    Path bad = dir.resolve("tampered");
    Files.createDirectories(bad);
    Files.copy(m.resolve("SHA256SUMS"), bad.resolve("SHA256SUMS"));
    Files.writeString(bad.resolve("model.json"), Files.readString(m.resolve("model.json")).replace("\"hardness\"", "\"hardnesz\""));
    x = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(bad, "hardness"));
    assertTrue(x.getMessage().contains("does not match SHA256SUMS"), x.getMessage());
  }

  @Test
  void predictionsCarryAdditiveShapAndSeparateInputUncertainty() throws Exception {
    PropertyModel m = ModelIO.load(TestTables.model(), "hardness").model();
    var s1 = new AlloySample(Composition.parse("Al1 Co1 Cr1 Fe1 Ni1"), "CAST", "BCC", Double.NaN);
    var s2 = new AlloySample(Composition.parse("Co1 Cr1 Fe1 Ni1"), "ANNEAL", "BCC", Double.NaN);
    Predictor.Batch b = Predictor.predict(m, List.of(s1, s2),
        List.of(Map.of("Al", 0.02, "Co", 0.01, "Cr", 0.01, "Fe", 0.01, "Ni", 0.01), Map.of()), true, 200, 3);
    assertEquals("exact-interventional", b.shapMethod());
    for (Predictor.Candidate c : b.candidates()) {
      double sum = b.base();
      for (double v : c.shap()) {
        sum += v;
      }
      assertEquals(c.mean(), sum, 1e-6 * c.mean());
      assertTrue(c.lo95() < c.mean() && c.mean() < c.hi95());
      assertEquals(Math.hypot(c.modelStd(), c.inputStd()), c.std(), 1e-9);
    }
    assertTrue(b.candidates().get(0).inputStd() > 0, "EDS sigma propagates");
    assertEquals(0.0, b.candidates().get(1).inputStd());
    // the known function: the Al-containing (larger mismatch, lower VEC) alloy is harder
    assertTrue(b.candidates().get(0).mean() > b.candidates().get(1).mean());
  }

  @Test
  void inputLevelShapleyValuesAreTheGroupedGameOverTheSampleInputs() throws Exception {
    PropertyModel m = ModelIO.load(TestTables.model(), "hardness").model();
    var s = new AlloySample(Composition.parse("Al0.5 Co1 Cr1 Fe1 Ni1"), "WROUGHT", "FCC+BCC", 300.0);
    Predictor.Batch b = Predictor.predict(m, List.of(s), null, Predictor.Explain.INPUTS, 0, 1);
    assertEquals(List.of("composition", "test_temperature", "processing", "phases"), b.players());
    double[] phi = b.candidates().get(0).shap();
    // independent definition: average over the 4! player orders of the marginal contributions
    // to v(S) = sum_b w_b f(x_S, z_b,notS), players switching whole column groups
    var groups = io.alloyflow.prediction.features.HardnessFeatures.inputPlayers(m.schema());
    int[][] pl = groups.values().toArray(int[][]::new);
    double[] x = io.alloyflow.prediction.features.HardnessFeatures.vector(s);
    double[][] bg = m.background().rows();
    double[] w = m.background().weights();
    double[] v = new double[1 << pl.length];
    for (int mask = 0; mask < v.length; mask++) {
      double[][] hyb = new double[bg.length][];
      for (int k = 0; k < bg.length; k++) {
        hyb[k] = bg[k].clone();
        for (int p = 0; p < pl.length; p++) {
          if ((mask >> p & 1) != 0) {
            for (int c : pl[p]) {
              hyb[k][c] = x[c];
            }
          }
        }
      }
      double[] f = m.function().predict(hyb);
      double wsum = 0;
      for (int k = 0; k < bg.length; k++) {
        v[mask] += w[k] * f[k];
        wsum += w[k];
      }
      v[mask] /= wsum;
    }
    double[] ref = new double[pl.length];
    int[][] perms = permutations(pl.length);
    for (int[] perm : perms) {
      int mask = 0;
      for (int p : perm) {
        ref[p] += (v[mask | 1 << p] - v[mask]) / perms.length;
        mask |= 1 << p;
      }
    }
    // the engine computes in float32 and its rounding depends on the batch a row is in: 1e-6
    for (int p = 0; p < pl.length; p++) {
      assertEquals(ref[p], phi[p], 1e-6 * Math.max(1, Math.abs(ref[p])), b.players().get(p));
    }
    assertEquals(v[0], b.base(), 1e-6 * v[0]);
    assertThrows(IllegalArgumentException.class, () -> Predictor.Explain.parse("elements"));
  }

  private static int[][] permutations(int n) {
    List<int[]> out = new java.util.ArrayList<>();
    permute(new int[n], 0, new boolean[n], out);
    return out.toArray(int[][]::new);
  }

  private static void permute(int[] cur, int k, boolean[] used, List<int[]> out) {
    if (k == cur.length) {
      out.add(cur.clone());
      return;
    }
    for (int i = 0; i < cur.length; i++) {
      if (!used[i]) {
        used[i] = true;
        cur[k] = i;
        permute(cur, k + 1, used, out);
        used[i] = false;
      }
    }
  }
}
