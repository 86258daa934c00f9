package io.alloyflow.eds.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.TestData;
import io.alloyflow.eds.io.EmsaReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Spectra without a live time: supplied, or normalised results without an analytical total. */
class LiveTimeTest {
  @Test
  void missingLiveTimeIsSuppliedOrNormalised() throws Exception {
    Path dir = TestData.folder("eds/nist-k412");
    Assumptions.assumeTrue(dir != null, "NIST K412 data absent");
    Map<String, Spectrum> std = CertifiedGlassQuantTest.standards(dir);
    Spectrum unk = EmsaReader.read(dir.resolve("III-E K412[0][4].msa"));
    Spectrum noLt = new Spectrum(unk.counts(), unk.axis(), Double.NaN, unk.realTimeS(),
        unk.beamEnergyKeV(), unk.takeoffAngleDeg(), unk.probeCurrentNa(), "no live time",
        unk.metadata());
    QuantOptions o = QuantOptions.defaults().withOxygen(OxygenMode.STOICHIOMETRY);
    Quantification ref = Quantifier.quantify(unk, std, Map.of(), o);

    Map<String, Spectrum> all = new LinkedHashMap<>();
    all.put("unknown", noLt);
    var e = assertThrows(IllegalArgumentException.class,
        () -> LiveTime.apply(new LinkedHashMap<>(all), Double.NaN, false));
    assertTrue(e.getMessage().contains("--live-time") && e.getMessage().contains("--normalise"),
        e.getMessage());

    Map<String, Spectrum> given = new LinkedHashMap<>(all);
    assertEquals(List.of(), LiveTime.apply(given, unk.liveTimeS(), false));
    Quantification q = Quantifier.quantify(given.get("unknown"), std, Map.of(), o);
    assertEquals(ref.analyticalTotal(), q.analyticalTotal(), 1e-12, "same as the file's own");

    Map<String, Spectrum> norm = new LinkedHashMap<>(all);
    List<String> placeholder = LiveTime.apply(norm, Double.NaN, true);
    assertEquals(List.of("unknown"), placeholder);
    Quantification qn = LiveTime.normalised(
        Quantifier.quantify(norm.get("unknown"), std, Map.of(), o), placeholder);
    assertTrue(Double.isNaN(qn.analyticalTotal()), "analytical total unavailable");
    double sum = qn.elements().values().stream().mapToDouble(ElementQuant::massFraction).sum();
    assertEquals(1.0, sum, 1e-9);
    for (String el : List.of("Mg", "Si", "Ca", "Fe")) {
      double expected = ref.elements().get(el).massFraction() / ref.analyticalTotal();
      assertEquals(expected, qn.elements().get(el).massFraction(), 0.002 * expected + 1e-4, el);
    }
    assertTrue(qn.warnings().stream().anyMatch(w -> w.contains("normalised")));
  }
}
