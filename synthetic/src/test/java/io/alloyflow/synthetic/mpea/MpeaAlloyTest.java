package io.alloyflow.synthetic.mpea;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.SyntheticSample;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MpeaAlloyTest {
  @Test
  void phaseFractionsGiveTheNominalBulkComposition() {
    SyntheticSample s = MpeaAlloy.sample(MpeaAlloy.Params.defaults(128, 0.5e-6), 3);
    double f = MpeaAlloy.bccFraction(0.7);
    assertEquals(f, s.phaseFractions().get("BCC"), 0.002);
    @SuppressWarnings("unchecked")
    Map<String, Double> bulk = (Map<String, Double>) s.parameters().get("truth.bulkAtomic");
    assertEquals(0.7 / 4.7, bulk.get("Al"), 1e-9);
    assertEquals(1.0, bulk.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    // BCC (Al-rich, lighter) is darker in BSE than the FCC matrix
    double[] mean = new double[2];
    int[] cnt = new int[2];
    float[] px = s.bse().pixels();
    int[] lab = s.phases().labels();
    for (int i = 0; i < lab.length; i++) {
      mean[lab[i]] += px[i];
      cnt[lab[i]]++;
    }
    assertTrue(mean[1] / cnt[1] < mean[0] / cnt[0], "BCC darker than FCC in BSE");
  }

  @Test
  void outsideTheTwoPhaseRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MpeaAlloy.Params(64, 1e-6, 1.5, 20e-6));
  }
}
