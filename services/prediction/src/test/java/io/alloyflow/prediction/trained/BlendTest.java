package io.alloyflow.prediction.trained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloyflow.prediction.features.AlloySample;
import io.alloyflow.prediction.features.Composition;
import io.alloyflow.prediction.features.HardnessFeatures;
import io.alloyflow.prediction.model.BoostedTrees;
import io.alloyflow.prediction.model.Standardizer;
import io.alloyflow.prediction.model.TribuoBaselines;
import io.alloyflow.prediction.shap.ExactShap;
import io.alloyflow.prediction.shap.ShapValues;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blend of the MLP ensemble with pure-Java XGBoost trees: tree evaluation, SHAP linearity, old files. */
class BlendTest {
  @TempDir Path dir;

  @Test
  void pureJavaTreesReproduceXgboostOnRowsItNeverSaw() throws Exception {
    Path table = TestTables.write(dir, 120, 11);
    var rows = io.alloyflow.prediction.data.AlloyTable.read(table, "PROPERTY: HV").labelled();
    double[][] x = new double[rows.size()][];
    double[] y = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = HardnessFeatures.vector(rows.get(i).sample());
      y[i] = rows.get(i).target();
    }
    List<String> names = HardnessFeatures.schema().names();
    BoostedTrees trees = TribuoBaselines.fitXgboostTrees(x, y, names, 5);
    var xgb = TribuoBaselines.fit("tribuo-xgboost", x, y, names, 5);
    assertTrue(trees.trees() == 400, "trees: " + trees.trees());
    // uniform rows over the training box: every split is exercised on both sides
    SplittableRandom r = new SplittableRandom(3);
    double[][] fresh = new double[500][x[0].length];
    for (double[] row : fresh) {
      for (int j = 0; j < row.length; j++) {
        row[j] = x[r.nextInt(x.length)][j] + (r.nextDouble() - 0.5) * 0.1 * Math.abs(x[0][j] + 1);
      }
    }
    double[] a = trees.predict(fresh);
    double[] b = xgb.predict(fresh);
    double scale = trees.targetScale();
    double maxDiff = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]) / scale);
    }
    assertTrue(maxDiff <= TribuoBaselines.TREE_CHECK_TOLERANCE, "max |Java - XGBoost| (scaled target): " + maxDiff);
  }

  @Test
  void treeEvaluationFollowsXgboostsStrictLessThanRule() {
    // one stump on column 1: x < 0.5 -> -1, else +2; base 0.5; identity scaling
    String json = "{\"learner\":{\"learner_model_param\":{\"base_score\":\"5E-1\"},\"gradient_booster\":{\"name\":"
        + "\"gbtree\",\"model\":{\"trees\":[{\"left_children\":[1,-1,-1],\"right_children\":[2,-1,-1],"
        + "\"split_indices\":[0,0,0],\"split_conditions\":[0.5,-1.0,2.0],\"split_type\":[0,0,0]}]}}}}";
    BoostedTrees t = BoostedTrees.fromXgboostJson(json.getBytes(StandardCharsets.UTF_8), new int[] {1},
        new Standardizer(new double[] {0, 0}, new double[] {1, 1}), 10, 2, "test");
    double[] p = t.predict(new double[][] {{9, 0.4999}, {9, 0.5}, {-9, 3}});
    assertEquals(10 + 2 * (0.5 - 1), p[0], 1e-12);
    assertEquals(10 + 2 * (0.5 + 2), p[1], 1e-12);
    assertEquals(10 + 2 * (0.5 + 2), p[2], 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BoostedTrees(
        new Standardizer(new double[] {0}, new double[] {1}), 0, 1, 0, new int[] {0},
        new int[] {1, -1}, new int[] {0, -1}, new int[] {0, -1}, new float[] {0, 1}, "bad"));
    assertTrue(e.getMessage().contains("node 0 is malformed"), e.getMessage());
  }

  @Test
  void blendShapleyValuesAreTheWeightedSumOfTheMembersValues() throws Exception {
    PropertyModel m = ModelIO.load(TestTables.model(), "hardness").model();
    assertTrue(m.trees() != null && m.treeWeight() > 0 && m.treeWeight() < 1, "the test model is a blend");
    List<AlloySample> s = List.of(
        new AlloySample(Composition.parse("Al0.5 Co1 Cr1 Fe1 Ni1"), "WROUGHT", "FCC+BCC", 300.0),
        new AlloySample(Composition.parse("Co1 Cr1 Fe1 Ni1"), "ANNEAL", "FCC", Double.NaN),
        new AlloySample(Composition.parse("Al1 Co1 Cr1 Fe1 Ni1"), "CAST", "BCC", Double.NaN));
    Predictor.Batch b = Predictor.predict(m, s, null, Predictor.Explain.FEATURES, 0, 1);
    double[][] x = s.stream().map(HardnessFeatures::vector).toArray(double[][]::new);
    var groups = m.schema().groups();
    int[][] pl = groups.values().toArray(int[][]::new);
    List<String> names = new ArrayList<>(groups.keySet());
    double[][] bg = m.background().rows();
    double[] w = m.background().weights();
    ShapValues ens = ExactShap.explain(m.ensemble(), x, bg, w, pl, names);
    ShapValues trees = ExactShap.explain(m.trees(), x, bg, w, pl, names);
    double tw = m.treeWeight();
    assertEquals((1 - tw) * ens.base() + tw * trees.base(), b.base(), 1e-6 * Math.abs(b.base()));
    for (int i = 0; i < x.length; i++) {
      double[] phi = b.candidates().get(i).shap();
      double sum = b.base();
      for (int p = 0; p < pl.length; p++) {
        double expect = (1 - tw) * ens.values()[i][p] + tw * trees.values()[i][p];
        // float32 engine: rows rounded differently in other batches
        assertEquals(expect, phi[p], 1e-6 * Math.max(1, b.base()), names.get(p));
        sum += phi[p];
      }
      assertEquals(b.candidates().get(i).mean(), sum, 1e-6 * Math.abs(sum), "additivity");
    }
    // the trees alone are exact in double precision: their own additivity holds to rounding
    assertTrue(trees.maxAdditivityError() < 1e-9, "tree additivity " + trees.maxAdditivityError());
  }

  @Test
  void treePathShapleyValuesEqualCoalitionEnumerationOnTheSameTrees() throws Exception {
    PropertyModel m = ModelIO.load(TestTables.model(), "hardness").model();
    SplittableRandom r = new SplittableRandom(8);
    String[] el = {"Al", "Co", "Cr", "Fe", "Ni", "Mn", "Ti", "V", "Nb", "Mo"};
    String[] routes = {"CAST", "ANNEAL", "WROUGHT", ""};
    String[] phases = {"BCC", "FCC", "FCC+BCC", ""};
    double[][] x = new double[25][];
    for (int i = 0; i < x.length; i++) {
      StringBuilder f = new StringBuilder();
      for (String e : el) {
        if (r.nextDouble() < 0.5) {
          f.append(e).append(String.format(java.util.Locale.ROOT, "%.2f ", r.nextDouble(0.2, 1.5)));
        }
      }
      if (f.length() == 0) {
        f.append("Fe1 Ni1");
      }
      x[i] = HardnessFeatures.vector(new AlloySample(Composition.parse(f.toString().trim()),
          routes[r.nextInt(routes.length)], phases[r.nextInt(phases.length)], r.nextDouble() < 0.3 ? 600.0 : Double.NaN));
    }
    double[][] bg = m.background().rows();
    double[] w = m.background().weights();
    for (var groups : List.of(m.schema().groups(), HardnessFeatures.inputPlayers(m.schema()))) {
      int[][] pl = groups.values().toArray(int[][]::new);
      List<String> names = new ArrayList<>(groups.keySet());
      ShapValues brute = ExactShap.explain(m.trees(), x, bg, w, pl, names);
      ShapValues path = io.alloyflow.prediction.shap.TreeShap.explain(m.trees(), x, bg, w, pl, names);
      assertEquals(brute.base(), path.base(), 1e-12 * Math.abs(brute.base()));
      for (int i = 0; i < x.length; i++) {
        for (int p = 0; p < pl.length; p++) {
          assertEquals(brute.values()[i][p], path.values()[i][p], 1e-9 * Math.max(1, Math.abs(brute.base())),
              "row " + i + " player " + names.get(p));
        }
      }
      assertTrue(path.maxAdditivityError() < 1e-12, "tree path additivity " + path.maxAdditivityError());
    }
  }

  @Test
  void formatOneEnsembleOnlyFilesStillLoadAndPredictWithTheEnsemble() throws Exception {
    Path src = TestTables.model().resolve("model.json");
    ObjectNode n = (ObjectNode) ModelIO.JSON.readTree(Files.readAllBytes(src));
    n.put("format", 1);
    n.remove("trees");
    n.remove("treeWeight");
    Path old = dir.resolve("old");
    Files.createDirectories(old);
    Files.write(old.resolve("model.json"), ModelIO.JSON.writeValueAsBytes(n));
    PropertyModel m = ModelIO.load(old, "hardness").model();
    assertNull(m.trees());
    assertSame(m.ensemble(), m.function());
    double[] x = HardnessFeatures.vector(
        new AlloySample(Composition.parse("Co1 Cr1 Fe1 Ni1"), "ANNEAL", "FCC", Double.NaN));
    assertEquals(m.ensemble().predict(new double[][] {x})[0], m.meanStd(new double[][] {x})[0][0], 1e-12);
    n.put("format", 2);
    n.put("treeWeight", 0.5);
    Files.write(old.resolve("model.json"), ModelIO.JSON.writeValueAsBytes(n));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(old, "hardness"));
    assertTrue(e.getMessage().contains("tree weight must be in [0, 1] with trees and 0 without"), e.getMessage());
  }
}
