package io.alloyflow.segmentation.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.Fixtures;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void semanticMetricsByHand() {
    // truth: 0 0 0 1 1 2 ; pred: 0 0 1 1 2 2
    int[] t = {0, 0, 0, 1, 1, 2};
    int[] p = {0, 0, 1, 1, 2, 2};
    SemanticMetrics m = SemanticMetrics.compute(p, t, 3);
    assertEquals(4 / 6.0, m.pixelAccuracy(), 1e-12);
    assertEquals(2 / 3.0, m.perClassIoU()[0], 1e-12); // tp2 fp0 fn1
    assertEquals(1 / 3.0, m.perClassIoU()[1], 1e-12); // tp1 fp1 fn1
    assertEquals(1 / 2.0, m.perClassIoU()[2], 1e-12); // tp1 fp1 fn0
    assertEquals((2 / 3.0 + 1 / 3.0 + 0.5) / 3, m.meanIoU(), 1e-12);
    double f0 = 2 * 2 / (2 * 2 + 0 + 1.0);
    double f1 = 2 * 1 / (2 * 1 + 1 + 1.0);
    double f2 = 2 * 1 / (2 * 1 + 1 + 0.0);
    assertEquals((f0 + f1 + f2) / 3, m.f1Macro(), 1e-12);
    assertEquals(m.pixelAccuracy(), m.f1Micro(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> SemanticMetrics.compute(new int[2], t, 3));
  }

  @Test
  void absentClassIsNotAveraged() {
    SemanticMetrics m = SemanticMetrics.compute(new int[] {0, 1}, new int[] {0, 1}, 3);
    assertTrue(Double.isNaN(m.perClassIoU()[2]));
    assertEquals(1.0, m.meanIoU(), 1e-12);
  }

  @Test
  void ap50AndAjiOnInstances() {
    int w = 100;
    int h = 60;
    int[] truth = Fixtures.disks(w, h, new double[][] {{20, 30, 10}, {50, 30, 10}, {80, 30, 10}});
    assertEquals(1.0, InstanceMetrics.ap50(truth, truth, null), 1e-12);
    assertEquals(1.0, InstanceMetrics.ajiPlus(truth, truth), 1e-12);
    assertEquals(1.0, InstanceMetrics.aji(truth, truth), 1e-12);
    // prediction finds two of three objects and adds one false positive
    int[] pred = Fixtures.disks(w, h, new double[][] {{20, 30, 10}, {52, 30, 10}, {90, 8, 5}});
    double ap = InstanceMetrics.ap50(pred, truth, new double[] {0, 0.9, 0.8, 0.7});
    // ranked TP, TP, FP: precision 1,1,2/3 at recall 1/3, 2/3, 2/3 -> 101-pt AP = 67/101
    assertEquals(67 / 101.0, ap, 1e-12);
    // merged prediction: one blob covering two truths -> AJI+ pairs it with one truth only
    int[] merged = new int[truth.length];
    for (int i = 0; i < merged.length; i++) {
      merged[i] = truth[i] == 1 || truth[i] == 2 ? 1 : truth[i] == 3 ? 2 : 0;
    }
    double ajiPlus = InstanceMetrics.ajiPlus(merged, truth);
    long a = 0;
    for (int v : truth) {
      if (v == 1) {
        a++;
      }
    }
    // pairs: (truth1, merged1): inter a, union 2a ; (truth3, pred2): inter a, union a ; truth2 unpaired
    assertEquals(2.0 * a / (2 * a + a + a), ajiPlus, 1e-9);
    // AJI (Kumar) lets both truths use the merged blob: inter 3a over union 2a + 2a + a
    assertEquals(3.0 * a / (2 * a + 2 * a + a), InstanceMetrics.aji(merged, truth), 1e-9);
  }

  @Test
  void hungarianFindsTheOptimalAssignment() {
    double[][] c = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
    int[] a = Hungarian.solve(c);
    double cost = 0;
    for (int i = 0; i < 3; i++) {
      cost += c[i][a[i]];
    }
    assertEquals(5.0, cost, 1e-12);
    int[] r = Hungarian.solve(new double[][] {{1, 2}, {0, 5}, {3, 1}});
    int assigned = 0;
    for (int v : r) {
      if (v >= 0) {
        assigned++;
      }
    }
    assertEquals(2, assigned);
    assertEquals(-1, r[0]);
  }
}
