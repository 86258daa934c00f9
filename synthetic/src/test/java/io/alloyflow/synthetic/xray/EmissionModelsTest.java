package io.alloyflow.synthetic.xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.xray.XrayPhysics.EmissionModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The emission models of {@link XrayPhysics} (PAP itself, from core's io.alloyflow.core.xray, is
 * tested there): the Gaussian's closed form,
 * monotonic f(chi) for every model, PAP's generation against its area, and the measured NIST K412
 * k-ratios (DTSA-II, 20 kV) that motivated PAP.
 */
class EmissionModelsTest {

  static final List<Map<String, Double>> MATRICES =
      List.of(Map.of("Si", 1.0), Map.of("Al", 0.874, "Si", 0.126), Map.of("Fe", 1.0),
          Map.of("Au", 1.0), Map.of("O", 0.532565, "Si", 0.467435));

  // PAP's closed form, area and continuity are tested where PAP lives: core's PouchouPichoirTest

  @Test
  void gaussianClosedFormMatchesQuadrature() {
    double[] p = XrayPhysics.gaussianPhiRhoZ(Map.of("Al", 0.874, "Si", 0.126), 1.839, 20);
    for (double chi : new double[] {0, 500, 5000}) {
      int n = 200_000;
      double h = 12 / p[0] / n;
      double s = 0;
      for (int i = 0; i < n; i++) {
        double z = (i + 0.5) * h;
        s += Math.exp(-p[0] * p[0] * z * z) * (p[3] - (p[3] - p[2]) * Math.exp(-p[1] * z))
            * Math.exp(-chi * z) * h;
      }
      assertEquals(s, XrayPhysics.gaussianEmitted(p, chi), 1e-6 * s, "chi=" + chi);
    }
  }

  @Test
  void everyModelAbsorbsMoreAtLowerTakeoff() {
    for (EmissionModel model : EmissionModel.values()) {
      for (Map<String, Double> m : MATRICES) {
        double previous = 0;
        for (double takeoff : new double[] {10, 20, 35, 60, 90}) {
          double f = XrayPhysics.absorptionFactor(model, m, 1.74, 1.839 * 0.99, 20, takeoff, 0.86);
          assertTrue(f > 0 && f <= 1, model + " f in (0,1]: " + f);
          assertTrue(f > previous, model + " f increases with takeoff angle");
          previous = f;
        }
      }
    }
  }

  static double kIntensity(Map<String, Double> c, String el, EmissionModel model) {
    double s = 0;
    for (EmittedLine l : SpectrumSimulator.lines(c, 20, 35, model)) {
      if (l.element().equals(el) && l.family().equals("K")) {
        s += l.emittedPerElectronSr();
      }
    }
    return s;
  }

  @Test
  void papBringsK412SoftLinesCloserToMeasurement() {
    Map<String, Map<String, Double>> std = new LinkedHashMap<>();
    std.put("Mg", Map.of("O", 0.396964, "Mg", 0.603036));
    std.put("Al", Map.of("O", 0.470749, "Al", 0.529251));
    std.put("Si", Map.of("O", 0.532565, "Si", 0.467435));
    Map<String, Double> published = Map.of("Mg", 0.1473, "Al", 0.0668, "Si", 0.3506);
    for (String el : std.keySet()) {
      double pdh = kIntensity(MeasuredSpectrumComparison.K412, el, EmissionModel.BETHE_PDH)
          / kIntensity(std.get(el), el, EmissionModel.BETHE_PDH) / published.get(el) - 1;
      double pap = kIntensity(MeasuredSpectrumComparison.K412, el, EmissionModel.BETHE_PAP)
          / kIntensity(std.get(el), el, EmissionModel.BETHE_PAP) / published.get(el) - 1;
      System.out.printf("K412 %s k model/measured - 1: PDH %+.2f %%, PAP %+.2f %%%n", el,
          100 * pdh, 100 * pap);
      assertTrue(Math.abs(pap) < Math.abs(pdh), el + ": PAP closer than PDH");
      assertTrue(Math.abs(pap) < 0.025, el + ": PAP within 2.5 % of the measured k-ratio");
    }
  }

  @Test
  void fullPapPredictsEveryK412CationWithin3Point5Percent() {
    Map<String, Map<String, Double>> std = new LinkedHashMap<>();
    std.put("Mg", Map.of("O", 0.396964, "Mg", 0.603036));
    std.put("Al", Map.of("O", 0.470749, "Al", 0.529251));
    std.put("Si", Map.of("O", 0.532565, "Si", 0.467435));
    std.put("Ca", Map.of("Ca", 0.513341, "F", 0.486659));
    std.put("Fe", Map.of("Fe", 1.0));
    Map<String, Double> published =
        Map.of("Mg", 0.1473, "Al", 0.0668, "Si", 0.3506, "Ca", 0.1921, "Fe", 0.0669);
    double worstBethe = 0;
    for (String el : std.keySet()) {
      double pap = kIntensity(MeasuredSpectrumComparison.K412, el, EmissionModel.PAP)
          / kIntensity(std.get(el), el, EmissionModel.PAP) / published.get(el) - 1;
      double bethe = kIntensity(MeasuredSpectrumComparison.K412, el, EmissionModel.BETHE_PDH)
          / kIntensity(std.get(el), el, EmissionModel.BETHE_PDH) / published.get(el) - 1;
      worstBethe = Math.max(worstBethe, Math.abs(bethe));
      System.out.printf("K412 %s k model/measured - 1: full PAP %+.2f %%, Bethe+PDH %+.2f %%%n",
          el, 100 * pap, 100 * bethe);
      assertTrue(Math.abs(pap) < 0.035, el + ": full PAP within 3.5 %: " + pap);
    }
    assertTrue(worstBethe > 0.035, "the Bethe generation misses one by more: " + worstBethe);
  }

  @Test
  void papGenerationIsAreaTimesCrossSection() {
    Map<String, Double> m = Map.of("Al", 0.6165, "Fe", 0.2552, "Si", 0.1283);
    double ec = 7.112;
    double e0 = 20;
    double mExp = XrayPhysics.papExponent(26, "K");
    double n = XrayPhysics.papIonisationsPerElectron(m, 26, 0.2552, ec, 2, 0.35, e0, mExp);
    double u0 = e0 / ec;
    double expected = XrayPhysics.AVOGADRO * 0.2552 / XrayPhysics.atomicWeight(26) * 6.51e-20 * 2
        * 0.35 * XrayPhysics.pap(m, ec, e0, mExp).area() * Math.log(u0)
        / (Math.pow(u0, mExp) * ec * ec);
    assertEquals(expected, n, 1e-12 * expected);
    double bethe = XrayPhysics.ionisationsPerElectron(m, 26, 0.2552, ec, 2, 0.35, e0)
        * XrayPhysics.backscatterFactor(m, u0, e0);
    assertEquals(1, n / bethe, 0.35, "same order as the Bethe/Joy-Luo yield: " + n / bethe);
  }
}
