package io.alloyflow.eds.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.EdsAnalyzer;
import io.alloyflow.eds.TestData;
import io.alloyflow.eds.io.EmsaReader;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Identification and calibration on the real NIST K412 spectrum. */
class IdentifyRealTest {
  @Test
  void k412ElementsAreFoundAndAxisConfirmed() throws Exception {
    Path dir = TestData.folder("eds/nist-k412");
    Assumptions.assumeTrue(dir != null, "NIST K412 data absent");
    Spectrum s = EmsaReader.read(dir.resolve("III-E K412[0][4].msa"));
    var found = EdsAnalyzer.identify(s);
    Set<String> confident = new TreeSet<>();
    for (var e : found) {
      System.out.printf("%-2s %s E=%.0f net=%.0f+-%.0f conf=%.2f %s%n", e.symbol(), e.family(),
          e.energyEv(), e.netCounts(), e.netCountsSigma(), e.confidence(), e.overlapWarnings());
      if (e.confidence() > 0.5) {
        confident.add(e.symbol());
      }
    }
    for (String el : new String[] {"O", "Mg", "Al", "Si", "Ca", "Fe"}) {
      assertTrue(confident.contains(el), el + " identified with confidence > 0.5: " + confident);
    }
    var cal = EdsAnalyzer.calibrate(s);
    System.out.println("calibration " + cal.offsetEv() + " " + cal.gainEv() + " rms "
        + cal.residualEv() + " " + cal.peaksUsed());
    // the file's axis (offset 1.63 eV, 9.99856 eV/ch) was set by DTSA-II from the same peaks
    assertEquals(9.99856, cal.gainEv(), 0.01);
    assertEquals(1.63, cal.offsetEv(), 10);
    assertTrue(cal.residualEv() < 10, "rms residual " + cal.residualEv());
  }
}
