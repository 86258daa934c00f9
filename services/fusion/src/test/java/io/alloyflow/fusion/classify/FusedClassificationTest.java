package io.alloyflow.fusion.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.io.ArrowIO;
import io.alloyflow.core.table.FeatureTable;
import io.alloyflow.fusion.phases.PhaseCompositions;
import io.alloyflow.synthetic.fusion.SemEdsPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusedClassificationTest {

  static SemEdsPair.Params small() {
    SemEdsPair.Params r = SemEdsPair.Params.registration();
    return new SemEdsPair.Params(40, 40, 2e-6, 6, 6, r.maxRotationDeg(), r.maxShiftFraction(),
        r.maxScaleError(), 0.02, 1.0, 5000, r.channels(), r.margin());
  }

  private static AlloyCase[] trainTest;

  /** The training (seed 21) and test (seed 22) cases, built once for the tests that share them. */
  static synchronized AlloyCase[] trainTest() {
    if (trainTest == null) {
      trainTest = new AlloyCase[] {new AlloyCase(small(), 21, false),
          new AlloyCase(small(), 22, false)};
    }
    return trainTest;
  }

  @Test
  void fusedFeaturesBeatBseOnlyOnTheIntermetallicsAndScoreTheSi() {
    AlloyCase train = trainTest()[0];
    AlloyCase test = trainTest()[1];
    int k = AlloyCase.CLASSES.size();
    int[] tp = train.balancedSample(800, 1);
    int[] sp = test.uniformSample(15000, 2);
    double[] macro = new double[2];
    double[] mg2si = new double[2];
    FeatureStack[][] stacks = {{train.bse, test.bse}, {train.fused, test.fused}};
    for (int v = 0; v < 2; v++) {
      PixelClassifier c = TreeClassifiers.xgboost(60, 6, 3);
      c.fit(stacks[v][0].rows(tp), stacks[v][0].count(), train.labelsOf(tp), k);
      Scores s = Scores.of(test.labelsOf(sp), c.predict(stacks[v][1].rows(sp),
          stacks[v][1].count()), k);
      macro[v] = s.macroF1();
      mg2si[v] = s.f1()[2];
    }
    assertTrue(mg2si[1] > mg2si[0], "Mg2Si F1 fused " + mg2si[1] + " vs BSE-only " + mg2si[0]);
    assertTrue(macro[1] > 0.6, "fused macro-F1 " + macro[1]);
  }

  @Test
  void djlMlpLearnsTheFusedStack() {
    AlloyCase train = trainTest()[0];
    AlloyCase test = trainTest()[1];
    int k = AlloyCase.CLASSES.size();
    int[] tp = train.balancedSample(800, 1);
    int[] sp = test.uniformSample(15000, 2);
    PixelClassifier c = new MlpPixelClassifier(new int[] {32, 32}, 25, 128, 3e-3, 5);
    c.fit(train.fused.rows(tp), train.fused.count(), train.labelsOf(tp), k);
    float[] p = c.predictProba(test.fused.rows(sp), test.fused.count());
    assertEquals(sp.length * k, p.length);
    assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-5);
    Scores s = Scores.of(test.labelsOf(sp), c.predict(test.fused.rows(sp), test.fused.count()),
        k);
    assertTrue(s.macroF1() > 0.6, "MLP fused macro-F1 " + s.macroF1());
  }

  @Test
  void hessianFeaturesSeeARidgeAcrossItsWidth() {
    // a bright vertical line on a flat background: across the line the curvature is strongly
    // negative (smaller eigenvalue), along it about zero (larger eigenvalue)
    int w = 32;
    float[] img = new float[w * w];
    for (int y = 0; y < w; y++) {
      img[y * w + 16] = 10;
    }
    float[] g = ImageFilters.gaussian(img, w, w, 1);
    float[][] e = FeatureStack.hessianEigen(g, w, w, 1);
    int c = 16 * w + 16;
    assertTrue(e[1][c] < -1, "across-ridge eigenvalue " + e[1][c]);
    assertEquals(0, e[0][c], 0.05);
    assertTrue(FeatureStack.gradientMagnitude(g, w, w)[16 * w + 14] > 0.5);
  }

  @Test
  void featureStackTravelsAsArrowAndKMeansNamesPhasesFromTheLibrary() throws Exception {
    AlloyCase c = new AlloyCase(small(), 23, true);
    int[] px = java.util.Arrays.stream(c.uniformSample(4000, 5)).distinct().toArray();
    FeatureTable t = c.fused.toTable(px);
    FeatureTable back = ArrowIO.featureTableFromArrow(ArrowIO.toArrow(t));
    assertEquals(c.fused.count() + 2, back.columnCount());
    assertEquals(px.length, back.rowCount());
    int[] ef = new int[AlloyCase.ELEMENTS.size()];
    for (int e = 0; e < ef.length; e++) {
      ef[e] = c.eds.names().indexOf("eds_" + AlloyCase.ELEMENTS.get(e));
    }
    PhaseDiscovery.Result r = PhaseDiscovery.discover(c.eds.rows(px), c.eds.count(), 3, ef,
        AlloyCase.ELEMENTS, PhaseCompositions.of("al-alloy"), 0.8, 7);
    assertTrue(r.names().contains("alpha-Al"), r.names() + " " + r.apparentComposition());
    // the largest cluster is the matrix
    int[] count = new int[3];
    for (int a : r.assignment()) {
      count[a]++;
    }
    int big = 0;
    for (int j = 1; j < 3; j++) {
      big = count[j] > count[big] ? j : big;
    }
    assertEquals("alpha-Al", r.names().get(big));
  }

  @Test
  void scoresFromAConfusionMatrix() {
    Scores s = Scores.of(new int[] {0, 0, 1, 1, 2}, new int[] {0, 1, 1, 1, 0}, 3);
    assertEquals(0.5, s.f1()[0], 1e-12);
    assertEquals(0.8, s.f1()[1], 1e-12);
    assertEquals(0.0, s.f1()[2], 1e-12);
    assertEquals(0.6, s.microF1(), 1e-12);
    assertEquals(List.of(3, 3), List.of(s.confusion().length, s.confusion()[0].length));
  }
}
