package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.PouchouPichoir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Continuum fluorescence and the XPP pieces it reuses: the P&amp;P deceleration law and backscatter
 * factor reproduce XPP's closed-form area F = R (1/S) / Q(E0) by direct integration; the
 * continuum-fluorescence ratio has the expected size and trends (pure elements a few per cent,
 * growing with Z and beam energy; larger for a heavy element diluted in a light matrix).
 */
class ContinuumFluorescenceTest {
  static final double TOA = Math.toRadians(35);

  static double ratio(Map<String, Double> comp, String el, Family f, double lineEv, double e0Kev) {
    int[] z = comp.keySet().stream().mapToInt(XrayData::z).toArray();
    double[] c = comp.values().stream().mapToDouble(Double::doubleValue).toArray();
    return ContinuumFluorescence.ratio(z, c, XrayData.z(el), f, lineEv, e0Kev * 1000, TOA);
  }

  static Map<String, Double> k412() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("O", 0.42758);
    m.put("Mg", 0.116567);
    m.put("Al", 0.049061);
    m.put("Si", 0.211982);
    m.put("Ca", 0.10899);
    m.put("Fe", 0.077742);
    return m;
  }

  @Test
  void decelerationLawAndBackscatterReproduceXppArea() {
    Map<String, Double> m = k412();
    int[] z = m.keySet().stream().mapToInt(XrayData::z).toArray();
    double[] c = m.values().stream().mapToDouble(Double::doubleValue).toArray();
    PouchouPichoir.DecelerationLaw law = PouchouPichoir.DecelerationLaw.of(Matrix.of(z, c));
    for (String el : new String[] {"Fe", "Si", "Ca"}) {
      int za = XrayData.z(el);
      double ec = XrayData.familyEdgeEv(za, Family.K) / 1000;
      double e0 = 20;
      double mExp = 0.86 + 0.12 * Math.exp(-(za / 5.0) * (za / 5.0));
      int n = 20000;
      double a = Math.log(ec);
      double h = (Math.log(e0) - a) / n;
      double integral = 0;
      for (int i = 0; i < n; i++) {
        double e = Math.exp(a + (i + 0.5) * h);
        double u = e / ec;
        integral += Math.log(u) / Math.pow(u, mExp) / law.stoppingPower(e) * e * h;
      }
      double u0 = e0 / ec;
      double area = PouchouPichoir.backscatterFactor(Matrix.of(z, c), ec, e0) * integral / (Math.log(u0)
          / Math.pow(u0, mExp));
      double xpp = MatrixCorrection.XPP.shape(z, c, za, Family.K, ec * 1000, e0 * 1000).area();
      assertEquals(xpp, area, 1e-4 * xpp, el + ": XPP area from the deceleration law");
    }
  }

  @Test
  void pureElementRatiosAreAFewPercentAndGrowWithZAndBeamEnergy() {
    double ti = ratio(Map.of("Ti", 1.0), "Ti", Family.K, 4511, 20);
    double fe = ratio(Map.of("Fe", 1.0), "Fe", Family.K, 6404, 20);
    double cu = ratio(Map.of("Cu", 1.0), "Cu", Family.K, 8048, 20);
    double fe30 = ratio(Map.of("Fe", 1.0), "Fe", Family.K, 6404, 30);
    assertTrue(ti < fe && fe < cu, "grows with Z: Ti " + ti + " Fe " + fe + " Cu " + cu);
    assertTrue(fe > 0.01 && fe < 0.10, "pure Fe at 20 kV a few per cent: " + fe);
    assertTrue(fe30 > fe, "grows with beam energy: " + fe + " -> " + fe30);
  }

  @Test
  void dilutedInALightMatrixTheShareIsLarger() {
    double pure = ratio(Map.of("Fe", 1.0), "Fe", Family.K, 6404, 20);
    double glass = ratio(k412(), "Fe", Family.K, 6404, 20);
    assertTrue(glass > pure * 1.15, "Fe in K412 " + glass + " vs pure Fe " + pure);
    double si = ratio(Map.of("Si", 0.467435, "O", 0.532565), "Si", Family.K, 1740, 20);
    assertTrue(si < 0.01, "Si Ka in SiO2: small " + si);
  }

  @Test
  void onlyKLinesAboveTheirEdge() {
    assertEquals(0, ratio(Map.of("Fe", 1.0), "Fe", Family.L, 705, 20));
    assertEquals(0, ratio(Map.of("Zn", 1.0), "Zn", Family.K, 8638, 9));
    double nearEdge = ratio(Map.of("Fe", 1.0), "Fe", Family.K, 6404, 7.115);
    assertTrue(nearEdge >= 0 && nearEdge < 0.01, "beam just above the edge: " + nearEdge);
  }
}
