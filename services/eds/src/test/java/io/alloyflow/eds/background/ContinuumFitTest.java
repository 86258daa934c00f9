package io.alloyflow.eds.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.SyntheticSpectra;
import io.alloyflow.eds.TestData;
import io.alloyflow.eds.io.EmsaReader;
import io.alloyflow.eds.peaks.DetectorResolution;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Continuum fit and SNIP on synthetic truth and on K412. */
class ContinuumFitTest {
  @Test
  void snipFollowsKnownContinuumUnderPeaks() {
    EnergyAxis axis = new EnergyAxis(0, 10);
    double[] cont = SyntheticSpectra.expected(Map.of(), axis, 2048, 130, 20000, 50);
    double[] all = SyntheticSpectra.expected(Map.of("Fe", 2e5, "Si", 1e5), axis, 2048, 130, 20000,
        50);
    double[] bg = Snip.background(SyntheticSpectra.poisson(all, 3), axis, DetectorResolution.of(130));
    for (double ev : new double[] {1740, 3000, 6404, 10000}) {
      int c = (int) axis.channel(ev);
      assertEquals(cont[c], bg[c], 0.08 * cont[c] + 3 * Math.sqrt(cont[c]), "SNIP at " + ev + " eV");
    }
  }

  @Test
  void continuumFitOnK412() throws Exception {
    Path d = TestData.folder("eds/nist-k412");
    Assumptions.assumeTrue(d != null, "NIST K412 data absent");
    Spectrum s = EmsaReader.read(d.resolve("III-E K412[0][4].msa"));
    Map<String, Double> k412 = Map.of("O", 0.4276, "Mg", 0.1166, "Al", 0.0491, "Si", 0.2120,
        "Ca", 0.1090, "Fe", 0.0777);
    DetectorResolution res = DetectorResolution.of(131.7);
    ContinuumFit.Result r = ContinuumFit.fit(s, k412, res);
    double[] snip = Snip.background(s.counts(), s.axis(), res, 2.0);
    for (double ev : new double[] {2500, 5000, 8000, 12000}) {
      int c = (int) s.axis().channel(ev);
      assertEquals(snip[c], r.background()[c], 0.1 * snip[c], "continuum at " + ev + " eV");
    }
    assertTrue(r.reducedChiSquare() < 5, "reduced chi2 " + r.reducedChiSquare());
  }
}
