package io.alloyflow.eds.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.SyntheticSpectra;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Identification and calibration on synthetic spectra with known elements and axis. */
class SyntheticIdentifyTest {
  static final EnergyAxis TRUE_AXIS = new EnergyAxis(-12.0, 10.02);

  static Spectrum steel(EnergyAxis nominal) {
    Map<String, Double> fam = Map.of("Fe", 4e5, "Cr", 1.2e5, "Ni", 5e4, "Mn", 1.5e4, "Si", 2e4);
    double[] mu = SyntheticSpectra.expected(fam, TRUE_AXIS, 2048, 128, 20000, 40);
    return SyntheticSpectra.spectrum(SyntheticSpectra.poisson(mu, 7), nominal, 20, 100, 1, "steel");
  }

  /**
   * A dual-phase steel spectrum from the synthetic world's full simulator (continuum, escape and
   * pile-up peaks): the Fe Ka + Fe Kb coincidence peak at 13.46 keV must not pass for Rb Ka.
   */
  @Test
  void coincidencePeaksAreNotElements() {
    Spectrum s = io.alloyflow.synthetic.SyntheticWorld.simulateSpectrum(
        Map.of("Fe", 0.97997, "Mn", 0.0156, "Si", 0.003, "C", 0.00143), 20, 60, 1.0, 42);
    Set<String> names = new TreeSet<>();
    EdsAnalyzer.identify(s).forEach(e -> names.add(e.symbol()));
    assertTrue(names.containsAll(Set.of("Fe", "Mn")), "found " + names);
    assertFalse(names.contains("Rb"), "Fe Ka + Fe Kb pile-up taken for Rb: " + names);
    assertTrue(names.stream().allMatch(n -> Set.of("Fe", "Mn", "Si", "C").contains(n)),
        "only the steel's elements: " + names);
  }

  static Map<String, Double> bulk(io.alloyflow.synthetic.SyntheticSample s) {
    Map<String, Double> bulk = new java.util.TreeMap<>();
    s.phaseCompositions().forEach((phase, comp) -> {
      double f = s.phaseFractions().getOrDefault(phase, 0.0);
      comp.forEach((el, w) -> bulk.merge(el, f * w, Double::sum));
    });
    return bulk;
  }

  /** What the workflow's EDS step does with the demo's spectrum: calibrate, then identify. */
  static Set<String> demoElements(Map<String, Double> bulk, long seed) {
    Spectrum s = io.alloyflow.synthetic.SyntheticWorld.simulateSpectrum(bulk, 20, 60, 1.0, seed);
    Set<String> names = new TreeSet<>();
    EdsAnalyzer.identify(EdsAnalyzer.calibrate(s).spectrum()).forEach(e -> names.add(e.symbol()));
    return names;
  }

  /**
   * The two defects of the previous identifier on the demo samples: Co (Co Ka beside Fe Kb, Co Kb
   * under Ni Ka) and sometimes Fe K itself were missed in the Al-Co-Cr-Fe-Ni alloy, and the
   * dual-phase steel's Fe L misfit was reported as F.
   */
  @Test
  void demoSamplesGiveTheirElementsOnly() {
    for (long seed : new long[] {7, 1}) {
      var mpea = io.alloyflow.synthetic.mpea.MpeaAlloy.sample(
          io.alloyflow.synthetic.mpea.MpeaAlloy.Params.defaults(128, 0.25e-6), seed);
      Set<String> m = demoElements(bulk(mpea), seed);
      assertTrue(m.containsAll(Set.of("Al", "Co", "Cr", "Fe", "Ni")), "MPEA seed " + seed + ": " + m);
      assertTrue(Set.of("Al", "Co", "Cr", "Fe", "Ni", "C", "O").containsAll(m),
          "MPEA seed " + seed + " has no other element: " + m);
    }
    for (long seed : new long[] {7, 3}) {
      var steel = io.alloyflow.synthetic.SyntheticWorld.dualPhaseSteel(seed, 128, 0.25e-6);
      Set<String> st = demoElements(bulk(steel), seed);
      assertTrue(st.containsAll(Set.of("Fe", "Mn")), "steel seed " + seed + ": " + st);
      assertTrue(Set.of("Fe", "Mn", "Si", "C").containsAll(st),
          "steel seed " + seed + " has no other element (F was reported before): " + st);
    }
  }

  @Test
  void identifiesStainlessSteelAndFlagsMnFeOverlap() {
    Spectrum s = steel(TRUE_AXIS);
    var found = EdsAnalyzer.identify(s);
    Set<String> names = new TreeSet<>();
    found.forEach(e -> names.add(e.symbol()));
    assertTrue(names.containsAll(Set.of("Fe", "Cr", "Ni", "Mn", "Si")), "found " + names);
    var fe = found.stream().filter(e -> e.symbol().equals("Fe")).findFirst().orElseThrow();
    assertEquals(4e5, fe.netCounts(), 0.03 * 4e5, "Fe K net counts");
    assertTrue(fe.overlapWarnings().stream().anyMatch(w -> w.contains("Mn")),
        "Fe warns about Mn Kb: " + fe.overlapWarnings());
    assertFalse(names.contains("Eu"), "no phantom rare earth: " + names);
  }

  @Test
  void calibrationRecoversShiftedAxis() {
    Spectrum s = steel(new EnergyAxis(10.0, 10.0)); // nominal axis is wrong by 22 eV and 0.2 %
    var cal = EdsAnalyzer.calibrate(s);
    assertEquals(TRUE_AXIS.gainEvPerChannel(), cal.gainEv(), 0.005, "gain");
    assertEquals(TRUE_AXIS.offsetEv(), cal.offsetEv(), 4, "offset");
    assertTrue(cal.peaksUsed().size() >= 2, "peaks used " + cal.peaksUsed());
  }
}
