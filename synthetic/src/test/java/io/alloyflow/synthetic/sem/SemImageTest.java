package io.alloyflow.synthetic.sem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.synthetic.SyntheticSample;
import io.alloyflow.synthetic.SyntheticWorld;
import io.alloyflow.synthetic.micro.AluminiumAlloy;
import io.alloyflow.synthetic.micro.InclusionSteel;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Phase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemImageTest {

  @Test
  void reuterCoefficientsAndMixingRule() {
    // Reuter (1972) at Z = 26 (Fe) and 13 (Al)
    assertEquals(0.2795, BackscatterYield.element(26), 5e-4);
    assertEquals(0.1532, BackscatterYield.element(13), 5e-4);
    // mass-fraction mixing (Castaing/Heinrich): Al2O3
    double al2o3 = 0.5293 * BackscatterYield.element(13) + 0.4707 * BackscatterYield.element(8);
    assertEquals(al2o3, BackscatterYield.of(Materials.AL2O3), 1e-3);
  }

  @Test
  void shotNoiseIsPoissonAtTheDose() {
    int n = 256;
    LabelMap lm = new LabelMap(n, n, new int[n * n], List.of("iron"), 1e-7);
    Microstructure m = new Microstructure("flat", lm, null,
        List.of(new Phase("iron", Map.of("Fe", 1.0))), List.of(), null, null, Map.of(), Map.of(),
        1L);
    SemConditions c = new SemConditions(SignalType.BSE, 0, 400, 0, 50, 100, 0, 0, 0);
    SemSimulator.Result r = SemSimulator.render(m, c, 3L);
    double s = 0;
    double s2 = 0;
    for (float v : r.image().pixels()) {
      double e = (v - 100) / 50.0; // detected electrons
      s += e;
      s2 += e * e;
    }
    double mean = s / (n * n);
    double var = s2 / (n * n) - mean * mean;
    double expected = 400 * BackscatterYield.element(26);
    assertEquals(expected, mean, 0.3);
    assertEquals(expected, var, 0.05 * expected, "Poisson variance equals mean");
    assertEquals(16, r.image().bitDepth());
    assertEquals(1e-7, r.image().pixelSizeM(), 0);
  }

  @Test
  void bseContrastFollowsComposition() {
    Microstructure inc = InclusionSteel.generate(new InclusionSteel.Params(256, 256, 0.2e-6, 0.03,
        3e-6, 0.5, 0.2, 4, InclusionSteel.Params.defaults(256, 0.2e-6).typeWeights()), 4L);
    SemSimulator.Result r = SemSimulator.render(inc, SemConditions.bse(), 4L);
    double[] mean = meanPerPhase(r.image().pixels(), inc.phaseMap());
    assertTrue(mean[1] < mean[0], "alumina darker than steel");
    assertTrue(mean[2] < mean[0], "MnS darker than steel");

    Microstructure al = AluminiumAlloy.generate(AluminiumAlloy.Params.defaults(256, 0.5e-6), 4L);
    SemSimulator.Result ra = SemSimulator.render(al, SemConditions.bse().withDose(2000), 4L);
    double[] ma = meanPerPhase(ra.image().pixels(), al.phaseMap());
    assertTrue(ma[3] > ma[0], "Al5FeSi brighter than alpha-Al");
    assertTrue(ma[2] < ma[0], "Mg2Si darker than alpha-Al");
  }

  @Test
  void facadeIsDeterministicAndMeetsDefaults() {
    SyntheticSample a = SyntheticWorld.dualPhaseSteel(42, 256, 0.25e-6);
    SyntheticSample b = SyntheticWorld.dualPhaseSteel(42, 256, 0.25e-6);
    SyntheticSample c = SyntheticWorld.dualPhaseSteel(43, 256, 0.25e-6);
    assertArrayEquals(a.bse().pixels(), b.bse().pixels());
    assertArrayEquals(a.phases().labels(), b.phases().labels());
    assertFalse(Arrays.equals(a.bse().pixels(), c.bse().pixels()));
    assertEquals(0.30, a.phaseFractions().get("martensite"), 0.01);
    assertEquals(16, a.bse().bitDepth());
    assertEquals(0.25e-6, a.bse().pixelSizeM(), 0);
    assertTrue(a.phaseCompositions().get("martensite").get("C") > 0.003);
    // martensite (relief + lath texture) is brighter on average than ferrite
    double[] m = meanPerPhase(a.bse().pixels(), a.phases());
    assertTrue(m[1] > m[0] * 1.03, "martensite contrast " + Arrays.toString(m));
  }

  @Test
  void candidateOverloadHonoursFractionAndGrainSize() {
    SyntheticSample s = SyntheticWorld.dualPhaseSteel(7, 512, 0.5e-6, 0.45, 12e-6);
    assertEquals(0.45, s.phaseFractions().get("martensite"), 0.01);
    assertEquals(1.0, (double) s.parameters().get("truth.meanLinealInterceptM") / 12e-6, 0.05);
  }

  static double[] meanPerPhase(float[] px, LabelMap lm) {
    int k = lm.classNames().size();
    double[] s = new double[k];
    double[] n = new double[k];
    for (int i = 0; i < px.length; i++) {
      s[lm.labels()[i]] += px[i];
      n[lm.labels()[i]]++;
    }
    for (int i = 0; i < k; i++) {
      s[i] /= Math.max(1, n[i]);
    }
    return s;
  }
}
