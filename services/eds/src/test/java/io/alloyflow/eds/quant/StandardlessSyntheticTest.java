package io.alloyflow.eds.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.xray.EdsDetector;
import io.alloyflow.synthetic.xray.SpectrumSimulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Standardless quantification of the synthetic world's metallic systems, simulated by the
 * synthetic module's spectrum simulator (independent physics: Bethe cross-section over the Joy-Luo
 * stopping power, its own detector). Majors (>= 10 wt%) are held to 25 % relative, the range of
 * first-principles standardless analysis (Newbury et al. 1995); the table is printed. Also the
 * physics of {@link StandardlessPhysics}: Casnati's K-shell cross-section against Powell's Bethe
 * fit, and the detector efficiency's limits.
 */
class StandardlessSyntheticTest {
  @Test
  void syntheticAlloysWithinTheStandardlessRange() {
    EdsDetector det = EdsDetector.defaultDetector();
    Map<String, Map<String, Double>> systems = new LinkedHashMap<>();
    systems.put("SS316L", Materials.SS316L);
    systems.put("Al-Si eutectic", Materials.AL_SI_EUTECTIC);
    systems.put("Al5FeSi", Materials.AL5FESI);
    systems.put("Mg2Si", Materials.MG2SI);
    StringBuilder table = new StringBuilder("standardless on simulated spectra (20 kV):\n");
    List<String> fails = new ArrayList<>();
    long seed = 7;
    for (Map.Entry<String, Map<String, Double>> sys : systems.entrySet()) {
      Spectrum s = SpectrumSimulator.simulate(sys.getValue(), 20, 200, 1.0, det, seed++);
      List<String> els = new ArrayList<>(sys.getValue().keySet());
      StandardlessQuantifier.Result r = StandardlessQuantifier.quantify(s, els, Map.of(),
          Map.of(), QuantOptions.defaults());
      table.append(String.format(Locale.ROOT, "  %-15s", sys.getKey()));
      for (String el : els) {
        double truth = sys.getValue().get(el);
        double got = r.quantification().elements().get(el).massFraction();
        table.append(String.format(Locale.ROOT, " %s %.2f/%.2f (%+.1f%%)", el, 100 * got,
            100 * truth, 100 * (got / truth - 1)));
        if (truth >= 0.10 && Math.abs(got / truth - 1) > 0.25) {
          fails.add(sys.getKey() + " " + el);
        }
      }
      table.append('\n');
    }
    System.out.print(table);
    assertTrue(fails.isEmpty(), fails + "\n" + table);
  }

  @Test
  void casnatiCrossSectionAgreesWithBethePowellForKShells() {
    // Powell (1976, NBS Spec. Publ. 460): sigma = 6.51e-14 n b ln(c U) / (U Ec^2) cm^2 (Ec in eV),
    // b = 0.9, c = 0.65 for K shells; an independent Bethe-form fit of measured data, valid well
    // above threshold only (ln(0.65 U) < 0 below U = 1.54; at U = 2 it is 1.6-2.2x below
    // Casnati), so the comparison is made at U >= 5, where they agree to 2-22 %
    for (int z : new int[] {8, 12, 14, 20, 26, 29}) {
      double ec = io.alloyflow.eds.lines.XrayData.edgeEv(z, 0);
      for (double u : new double[] {5, 8, 12}) {
        double casnati = StandardlessPhysics.casnatiCm2(2, ec, u * ec);
        double powell = 6.51e-14 * 2 * 0.9 * Math.log(0.65 * u) / (u * ec * ec);
        assertEquals(1.0, casnati / powell, 0.25, "Z=" + z + " U=" + u);
      }
      assertEquals(0.0, StandardlessPhysics.casnatiCm2(2, ec, 0.99 * ec));
    }
  }

  @Test
  void detectorEfficiencyHasTheRightLimits() {
    StandardlessPhysics.Detector bare = new StandardlessPhysics.Detector(0, 0, 0.045);
    StandardlessPhysics.Detector window = new StandardlessPhysics.Detector(6e-5, 1e-5, 0.045);
    assertEquals(1.0, bare.efficiency(3000), 1e-3);
    assertTrue(window.efficiency(525) < 0.6 * window.efficiency(1740), "O K absorbed more than Si K");
    assertTrue(window.efficiency(6400) > 0.97);
    assertTrue(bare.efficiency(30000) < 0.7, "a 450 um crystal lets hard X-rays through");
  }
}
