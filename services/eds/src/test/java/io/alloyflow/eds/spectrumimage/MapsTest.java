package io.alloyflow.eds.spectrumimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.core.spectrum.SpectrumImage;
import io.alloyflow.eds.SyntheticSpectra;
import io.alloyflow.eds.TestData;
import io.alloyflow.eds.io.EmsaReader;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.quant.OxygenMode;
import io.alloyflow.eds.quant.QuantOptions;
import io.alloyflow.eds.quant.Quantification;
import io.alloyflow.eds.quant.Quantifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Net-count maps, binning and quantitative maps against known answers. */
class MapsTest {
  @Test
  void netCountMapsRecoverKnownFamilyCounts() {
    EnergyAxis axis = new EnergyAxis(0, 10);
    Map<String, Double> fam = Map.of("Fe", 5000.0, "Cr", 2000.0, "Ni", 1000.0, "Si", 800.0);
    double[] mu = SyntheticSpectra.expected(fam, axis, 1024, 130, 20000, 2);
    int w = 4, h = 3;
    float[] data = new float[w * h * mu.length];
    for (int p = 0; p < w * h; p++) {
      for (int c = 0; c < mu.length; c++) {
        data[p * mu.length + c] = (float) mu[c];
      }
    }
    SpectrumImage si = new SpectrumImage(w, h, mu.length, data, axis, 1e-6, 20, 0.01);
    Map<String, float[]> maps =
        NetCountMaps.compute(si, List.of("Fe", "Cr", "Ni", "Si"), DetectorResolution.of(130));
    for (Map.Entry<String, Double> e : fam.entrySet()) {
      assertEquals(e.getValue(), maps.get(e.getKey())[5], 0.02 * e.getValue(), e.getKey());
    }
    SpectrumImage b = SpectrumImages.bin(si, 2, 3, 2);
    assertEquals(2, b.width());
    assertEquals(1, b.height());
    double total = 0;
    for (double v : mu) {
      total += v;
    }
    assertEquals(6 * total, b.sumSpectrum().length > 0 ? sum(b.spectrumAt(0, 0)) : 0, 1e-3 * total);
    float[] roi = SpectrumImages.roiSum(si, 6000, 6800);
    assertEquals(roi[0], roi[11], 1e-3);
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  @Test
  void quantitativeMapOfK412PixelsMatchesSpectrumQuant() throws Exception {
    Path d = TestData.folder("eds/nist-k412");
    Assumptions.assumeTrue(d != null, "NIST K412 data absent");
    Map<String, Spectrum> std = new LinkedHashMap<>();
    std.put("Mg", EmsaReader.read(d.resolve("MgO std.msa")));
    std.put("Al", EmsaReader.read(d.resolve("Al2O3 std.msa")));
    std.put("Si", EmsaReader.read(d.resolve("SiO2 std.msa")));
    std.put("Ca", EmsaReader.read(d.resolve("CaF2 std.msa")));
    std.put("Fe", EmsaReader.read(d.resolve("Fe std.msa")));
    Spectrum[] px = new Spectrum[4];
    float[] data = new float[4 * 4096];
    for (int i = 0; i < 4; i++) {
      px[i] = EmsaReader.read(d.resolve("III-E K412[" + i + "][4].msa"));
      for (int c = 0; c < 4096; c++) {
        data[i * 4096 + c] = (float) px[i].counts()[c];
      }
    }
    SpectrumImage si = new SpectrumImage(2, 2, 4096, data, px[0].axis(), 1e-6, 20, 235.48);
    QuantOptions opt = QuantOptions.defaults().withOxygen(OxygenMode.STOICHIOMETRY)
        .withResolution(131.7);
    double dose = px[0].liveTimeS() * px[0].probeCurrentNa();
    QuantMaps.Result r = QuantMaps.compute(si, dose, std, Map.of(), opt, 1000);
    Quantification q = Quantifier.quantify(px[0], std, Map.of(), opt);
    for (String el : List.of("Mg", "Al", "Si", "Ca", "Fe", "O")) {
      double ref = q.elements().get(el).massFraction();
      assertEquals(ref, r.massFractions().get(el)[0], 0.01 * ref, el + " pixel 0");
    }
  }
}
