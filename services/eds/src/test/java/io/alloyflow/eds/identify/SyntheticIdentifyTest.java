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
