package io.alloyflow.synthetic.xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.xray.XrayPhysics.AbsorptionModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The depth-distribution absorption models of {@link XrayPhysics}: PAP's closed-form emitted
 * integral against direct quadrature of its parabolas, the shape's continuity and area, the
 * Gaussian's closed form, monotonic f(chi) for every model, and the measured NIST K412 k-ratios of
 * the soft lines (Mg, Al, Si Ka; DTSA-II, 20 kV) that motivated PAP.
 */
class AbsorptionModelsTest {

  static final List<Map<String, Double>> MATRICES =
      List.of(Map.of("Si", 1.0), Map.of("Al", 0.874, "Si", 0.126), Map.of("Fe", 1.0),
          Map.of("Au", 1.0), Map.of("O", 0.532565, "Si", 0.467435));

  /** Midpoint quadrature of phi(rho z) exp(-chi rho z) over [0, Rx]. */
  static double quadrature(XrayPhysics.Pap p, double chi) {
    int n = 100_000;
    double h = p.rx() / n;
    double s = 0;
    for (int i = 0; i < n; i++) {
      double z = (i + 0.5) * h;
      s += p.phi(z) * Math.exp(-chi * z) * h;
    }
    return s;
  }

  @Test
  void papClosedFormMatchesQuadratureAndShapeIsConsistent() {
    for (Map<String, Double> m : MATRICES) {
      for (double e0 : new double[] {10, 20, 30}) {
        double ec = m.containsKey("Fe") ? 7.112 : m.containsKey("Au") ? 2.206 : 1.839;
        XrayPhysics.Pap p = XrayPhysics.Pap.of(m, ec, e0, 0.86);
        assertTrue(p.rm() > 0 && p.rm() < p.rc() && p.rc() < p.rx(), "0 < Rm < Rc < Rx: " + p);
        assertEquals(p.phi0(), p.phi(0), 1e-9, "phi(0) = phi0");
        assertEquals(0, p.phi(p.rx()), 1e-9, "phi vanishes at Rx");
        double eps = 1e-9 * p.rx();
        assertEquals(p.phi(p.rc() - eps), p.phi(p.rc() + eps), 1e-5, "continuous at Rc " + p);
        double slopeL = (p.phi(p.rc() - eps) - p.phi(p.rc() - 2 * eps)) / eps;
        double slopeR = (p.phi(p.rc() + 2 * eps) - p.phi(p.rc() + eps)) / eps;
        assertEquals(slopeL, slopeR, 1e-3 * Math.abs(slopeL) + 1e-3, "smooth at Rc");
        assertEquals(p.area(), quadrature(p, 0), 1e-6 * p.area(), "area = F");
        for (double chi : new double[] {10, 300, 3000, 20000}) {
          assertEquals(quadrature(p, chi), p.emitted(chi), 1e-6 * p.emitted(chi),
              m + " E0=" + e0 + " chi=" + chi);
        }
      }
    }
  }

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
    for (AbsorptionModel model : AbsorptionModel.values()) {
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

  static double kIntensity(Map<String, Double> c, String el, AbsorptionModel model) {
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
      double pdh = kIntensity(MeasuredSpectrumComparison.K412, el, AbsorptionModel.PDH_1969)
          / kIntensity(std.get(el), el, AbsorptionModel.PDH_1969) / published.get(el) - 1;
      double pap = kIntensity(MeasuredSpectrumComparison.K412, el, AbsorptionModel.PAP_1991)
          / kIntensity(std.get(el), el, AbsorptionModel.PAP_1991) / published.get(el) - 1;
      System.out.printf("K412 %s k model/measured - 1: PDH %+.2f %%, PAP %+.2f %%%n", el,
          100 * pdh, 100 * pap);
      assertTrue(Math.abs(pap) < Math.abs(pdh), el + ": PAP closer than PDH");
      assertTrue(Math.abs(pap) < 0.025, el + ": PAP within 2.5 % of the measured k-ratio");
    }
  }
}
