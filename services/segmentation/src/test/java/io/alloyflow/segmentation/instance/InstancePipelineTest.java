package io.alloyflow.segmentation.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Three-class targets, watershed decoding and pooled mask AP on touching discs. */
class InstancePipelineTest {

  /** Two touching discs of radius 12 centred 20 px apart, plus one isolated disc. */
  static int[] touchingDiscs(int w, int h) {
    int[] m = new int[w * h];
    int[][] c = {{30, 30, 12}, {50, 30, 12}, {30, 65, 9}};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int i = 0; i < c.length; i++) {
          int dx = x - c[i][0];
          int dy = y - c[i][1];
          if (dx * dx + dy * dy <= c[i][2] * c[i][2]) {
            m[y * w + x] = i + 1; // later disc wins in the overlap
          }
        }
      }
    }
    return m;
  }

  @Test
  void threeClassTargetsSeparateTouchingObjects() {
    int w = 80;
    int h = 90;
    int[] inst = touchingDiscs(w, h);
    int[] t = ThreeClassTargets.of(inst, w, h, 2);
    // the contact line between disc 1 and 2 is boundary, the disc centres are inside
    assertEquals(ThreeClassTargets.INSIDE, t[30 * w + 30]);
    assertEquals(ThreeClassTargets.INSIDE, t[30 * w + 52]);
    assertEquals(ThreeClassTargets.BOUNDARY, t[30 * w + 40]);
    assertEquals(ThreeClassTargets.BACKGROUND, t[5 * w + 5]);
    // inside cores are not connected to each other
    byte[] core = new byte[w * h];
    for (int i = 0; i < core.length; i++) {
      core[i] = (byte) (t[i] == ThreeClassTargets.INSIDE ? 1 : 0);
    }
    int[] cc = InstanceDecoder.components(core, w, h);
    int max = 0;
    for (int l : cc) {
      max = Math.max(max, l);
    }
    assertEquals(3, max);
  }

  @Test
  void decoderRecoversInstancesFromIdealProbabilities() {
    int w = 80;
    int h = 90;
    int[] inst = touchingDiscs(w, h);
    int[] t = ThreeClassTargets.of(inst, w, h, 2);
    float[][] p = new float[3][w * h];
    for (int i = 0; i < t.length; i++) {
      // soften: 0.8 on the true class, 0.1 on the others
      for (int c = 0; c < 3; c++) {
        p[c][i] = c == t[i] ? 0.8f : 0.1f;
      }
    }
    InstanceDecoder.Instances d = new InstanceDecoder(0.5, 3, 10).decode(p, w, h);
    assertEquals(3, d.count());
    InstanceAp ap = new InstanceAp(0.5);
    ap.add(d.labels(), inst, d.scores());
    assertEquals(1.0, ap.ap(), 1e-12);
    // a merged prediction (both touching discs as one) loses one true positive
    int[] merged = inst.clone();
    for (int i = 0; i < merged.length; i++) {
      if (merged[i] == 2) {
        merged[i] = 1;
      }
    }
    InstanceAp ap2 = new InstanceAp(0.5);
    ap2.add(merged, inst, new double[] {0, 1, 1, 0.5});
    assertTrue(ap2.ap() < 0.8 && ap2.ap() > 0.3, "AP of merged " + ap2.ap());
  }

  @Test
  void apOfFalsePositivesRankedFirstIsLower() {
    int[] truth = {1, 1, 0, 0, 2, 2};
    int[] pred = {1, 1, 2, 0, 3, 3};
    InstanceAp good = new InstanceAp(0.5);
    good.add(pred, truth, new double[] {0, 0.9, 0.1, 0.8});
    InstanceAp bad = new InstanceAp(0.5);
    bad.add(pred, truth, new double[] {0, 0.5, 0.9, 0.4});
    assertEquals(1.0, good.ap(), 1e-12);
    assertTrue(bad.ap() < good.ap(), "bad " + bad.ap());
    assertEquals(2, good.truthCount());
    assertEquals(3, good.detectionCount());
  }
}
