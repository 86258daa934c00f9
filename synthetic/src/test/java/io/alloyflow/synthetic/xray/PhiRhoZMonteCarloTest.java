package io.alloyflow.synthetic.xray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The single-scattering Monte Carlo of phi(rho z) against measurable and analytical anchors:
 * backscatter coefficient of aluminium (Reuter 1972), PAP's surface ionisation and area, and
 * PAP's absorption factor where absorption is mild (there the depth distributions agree).
 */
class PhiRhoZMonteCarloTest {
  static final double SI_K = 1.8389;
  static final double M_SI = XrayPhysics.papExponent(14, "K");

  @Test
  void backscatterAndAreaOfAluminiumAreRealistic() {
    PhiRhoZMonteCarlo.Result r =
        PhiRhoZMonteCarlo.run(Map.of("Al", 1.0), 1.5596, 20, 0.86, 1.0, 20_000, 7);
    // measured eta of Al at 20 keV is about 0.15 (Reuter 0.153); screened Rutherford gives a
    // little more
    assertEquals(XrayPhysics.reuterBackscatter(13), r.backscatter(), 0.02, "eta(Al)");
    io.alloyflow.core.xray.Pap pap = XrayPhysics.pap(Map.of("Al", 1.0), 1.5596, 20, 0.86);
    // independent stopping power (Joy-Luo vs P&P) and backscatter: areas within 5 %
    assertEquals(pap.area(), r.area(), 0.05 * pap.area(), "area F");
    // surface ionisation (first bin, 1/400 of 2 Rx deep) within 7 % of P&P's phi0
    assertEquals(pap.phi0(), r.phi()[0], 0.07 * pap.phi0(), "phi0");
    assertTrue(r.meanDepth() > 0.2 * pap.rx() && r.meanDepth() < 0.5 * pap.rx(), "mean depth");
  }

  @Test
  void mildAbsorptionAgreesWithPap() {
    Map<String, Double> si = Map.of("Si", 1.0);
    double chi = XrayPhysics.massAttenuation(si, 1.7398) / Math.sin(Math.toRadians(35));
    PhiRhoZMonteCarlo.Result r =
        PhiRhoZMonteCarlo.run(si, SI_K, 20, M_SI, 1.0, 20_000, 11, 0, 100, chi);
    io.alloyflow.core.xray.Pap pap = XrayPhysics.pap(si, SI_K, 20, M_SI);
    for (int i = 1; i < r.chi().length; i++) {
      double fPap = pap.emitted(r.chi()[i]) / pap.area();
      assertEquals(fPap, r.absorptionFactor(i), 0.015 * fPap, "f(chi) at chi " + r.chi()[i]);
    }
    assertTrue(r.absorptionFactor(2) < r.absorptionFactor(1), "f decreases with chi");
  }

  @Test
  void reproducibleAndValidated() {
    Map<String, Double> m = Map.of("Al", 0.874, "Si", 0.126);
    PhiRhoZMonteCarlo.Result a = PhiRhoZMonteCarlo.run(m, SI_K, 20, M_SI, 1.0, 500, 3, 3000);
    PhiRhoZMonteCarlo.Result b = PhiRhoZMonteCarlo.run(m, SI_K, 20, M_SI, 1.0, 500, 3, 3000);
    assertEquals(a.emitted()[1], b.emitted()[1], 0, "same seed, same result");
    assertEquals(0, a.chi()[0], 0, "chi = 0 prepended");
    assertThrows(IllegalArgumentException.class,
        () -> PhiRhoZMonteCarlo.run(m, SI_K, 1.8, M_SI, 1.0, 10, 1));
    assertThrows(IllegalArgumentException.class,
        () -> PhiRhoZMonteCarlo.run(m, SI_K, 20, M_SI, 0, 10, 1));
    assertThrows(IllegalArgumentException.class,
        () -> PhiRhoZMonteCarlo.run(m, SI_K, 20, M_SI, 1.0, 10, 1, -5));
  }
}
