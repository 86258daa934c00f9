package io.alloyflow.prediction.micromech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The plane-strain FFT solver against closed-form solutions. */
class PlaneStrainSolverTest {

  static final Isotropic SOFT = new Isotropic(70e9, 0.33);
  static final Isotropic STIFF = new Isotropic(400e9, 0.20);

  /** Layers normal to y: phase 1 in rows [0, rows). */
  static PhaseGrid laminate(int n, int rows) {
    int[] ph = new int[n * n];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < n; x++) {
        ph[y * n + x] = 1;
      }
    }
    return new PhaseGrid(n, ph, 2);
  }

  @Test
  void laminateUnderNormalStrainHasUniformNormalStressEqualToTheHarmonicMean() {
    int n = 32;
    PhaseGrid g = laminate(n, 12);
    double f1 = 12.0 / n;
    double e = 1e-3;
    var r = PlaneStrainElastic.solve(g, new Isotropic[] {SOFT, STIFF}, new double[] {0, e, 0},
        null, null, 1e-8);
    // exact: eps_xx = 0 in both layers, sigma_yy uniform = e / sum(f_k / M_k), M = lambda + 2 mu
    double m0 = SOFT.lambda() + 2 * SOFT.mu();
    double m1 = STIFF.lambda() + 2 * STIFF.mu();
    double exact = e / ((1 - f1) / m0 + f1 / m1);
    for (int i = 0; i < n * n; i++) {
      assertEquals(exact, r.syy()[i], 1e-5 * exact, "sigma_yy at pixel " + i);
      assertEquals(0, r.exx()[i], 1e-6 * e);
    }
    assertEquals(exact, r.macroStress()[1], 1e-6 * exact);
    // parallel direction: sigma_xx under E_xx is the arithmetic mean when eps_yy may relax
    // (sigma_yy = 0): each layer is then in plane-strain uniaxial stress with modulus 4 mu (l+mu)/(l+2mu)
    var r2 = PlaneStrainElastic.solve(g, new Isotropic[] {SOFT, STIFF}, new double[] {e, 0, 0},
        new boolean[] {false, true, true}, new double[3], 1e-8);
    // with sigma_yy uniform and zero... not exactly: layers share eps_xx, sigma_yy continuous
    // -> sigma_yy = 0 in every layer, each layer: sigma_xx = E'_k e
    double ep0 = 4 * SOFT.mu() * (SOFT.lambda() + SOFT.mu()) / (SOFT.lambda() + 2 * SOFT.mu());
    double ep1 = 4 * STIFF.mu() * (STIFF.lambda() + STIFF.mu()) / (STIFF.lambda() + 2 * STIFF.mu());
    assertEquals(((1 - f1) * ep0 + f1 * ep1) * e, r2.macroStress()[0], 1e-5 * ep1 * e);
    assertEquals(0, r2.macroStress()[1], 1e-6 * ep1 * e);
  }

  static PhaseGrid randomMap(int n, double frac, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextDouble();
    }
    double[] s = DpTension.boxMean(DpTension.boxMean(v, n, 2), n, 2);
    double[] sorted = s.clone();
    java.util.Arrays.sort(sorted);
    double thr = sorted[(int) Math.round((1 - frac) * (sorted.length - 1))];
    int[] ph = new int[n * n];
    for (int i = 0; i < ph.length; i++) {
      ph[i] = s[i] > thr ? 1 : 0;
    }
    return new PhaseGrid(n, ph, 2);
  }

  @Test
  void randomTwoPhaseBulkModulusLiesInsideHashinShtrikmanBoundsAndShearInsideVoigtReuss() {
    PhaseGrid g = randomMap(64, 0.4, 7);
    double f2 = g.fractions()[1];
    double f1 = 1 - f2;
    double e = 1e-3;
    Isotropic[] mats = {SOFT, STIFF};
    var r = PlaneStrainElastic.solve(g, mats, new double[] {e, e, 0}, null, null, 1e-7);
    double k = (r.macroStress()[0] + r.macroStress()[1]) / (4 * e);
    double k1 = SOFT.planeStrainBulk();
    double k2 = STIFF.planeStrainBulk();
    double mu1 = SOFT.mu();
    double mu2 = STIFF.mu();
    // Hashin (J. Mech. Phys. Solids 13 (1965) 119) transverse bulk bounds
    double lower = k1 + f2 / (1 / (k2 - k1) + f1 / (k1 + mu1));
    double upper = k2 + f1 / (1 / (k1 - k2) + f2 / (k2 + mu2));
    assertTrue(k > lower && k < upper, "k=" + k + " not in HS [" + lower + ", " + upper + "]");
    assertTrue(upper - lower < 0.5 * k, "test map must make the HS bounds informative");
    var rs = PlaneStrainElastic.solve(g, mats, new double[] {0, 0, e}, null, null, 1e-7);
    double mu = rs.macroStress()[2] / (2 * e);
    double voigt = f1 * mu1 + f2 * mu2;
    double reuss = 1 / (f1 / mu1 + f2 / mu2);
    assertTrue(mu > reuss && mu < voigt, "mu=" + mu + " not in [" + reuss + ", " + voigt + "]");
  }

  @Test
  void circularInclusionStrainMatchesTheDiluteEshelbySolution() {
    int n = 128;
    double rad = 7.5;
    int[] ph = new int[n * n];
    int count = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double dx = x - n / 2.0 + 0.5;
        double dy = y - n / 2.0 + 0.5;
        if (dx * dx + dy * dy < rad * rad) {
          ph[y * n + x] = 1;
          count++;
        }
      }
    }
    PhaseGrid g = new PhaseGrid(n, ph, 2);
    double e = 1e-3;
    var r = PlaneStrainElastic.solve(g, new Isotropic[] {SOFT, STIFF}, new double[] {e, e, 0},
        null, null, 1e-8);
    double in = 0;
    for (int i = 0; i < ph.length; i++) {
      if (ph[i] == 1) {
        in += 0.5 * (r.exx()[i] + r.eyy()[i]) / count;
      }
    }
    // inside a cylinder under remote in-plane hydrostatic strain: eps_in / eps_inf
    // = (k_m + mu_m) / (k_i + mu_m) (composite cylinder, Hashin and Rosen 1964)
    double expected = e * (SOFT.planeStrainBulk() + SOFT.mu()) / (STIFF.planeStrainBulk() + SOFT.mu());
    // the far field is the matrix strain, slightly above the mean strain at f ~ 1 %
    double f = count / (double) (n * n);
    double eMatrix = (e - f * in) / (1 - f);
    double expectedFromMatrix = eMatrix * (SOFT.planeStrainBulk() + SOFT.mu())
        / (STIFF.planeStrainBulk() + SOFT.mu());
    assertEquals(expectedFromMatrix, in, 0.02 * expected, "inclusion strain");
    assertTrue(Math.abs(in - e) > 0.3 * e, "the inclusion must be strongly shielded");
  }

  @Test
  void homogeneousPlasticTensionMatchesTheMaterialPointDriver() {
    DpPhase f = DpPhase.ferrite();
    PhaseGrid g = new PhaseGrid(8, new int[64], 1);
    var s = new DpTension.Settings(0.005, 0.05, 1e-6, 500, 1);
    var r = DpTension.run(g, new DpPhase[] {f}, s);
    double ref = J2Return.planeStrainTension(f.elastic(), f.flow(), 0.05, 10);
    assertEquals(ref, r.stress()[r.stress().length - 1], 1e-4 * ref);
    // plane-strain yield: sigma_xx ~ 2/sqrt(3) sigma_y at small strain, flow stress rises
    assertTrue(ref > 2 / Math.sqrt(3) * f.flow().stress(0));
  }

  @Test
  void elastoPlasticLaminateLoadedAlongTheLayersIsTheAverageOfItsLayers() {
    DpPhase[] ph = {DpPhase.ferrite(), DpPhase.martensite()};
    int n = 16;
    PhaseGrid g = laminate(n, 5);
    var s = new DpTension.Settings(0.005, 0.03, 1e-7, 2000, 1);
    var r = DpTension.run(g, ph, s);
    double f1 = 5.0 / n;
    double a = J2Return.planeStrainTension(ph[0].elastic(), ph[0].flow(), 0.03, 6);
    double b = J2Return.planeStrainTension(ph[1].elastic(), ph[1].flow(), 0.03, 6);
    assertEquals((1 - f1) * a + f1 * b, r.stress()[r.stress().length - 1], 1e-4 * b);
  }

  @Test
  void martensiteLowersTheFractureStrainOfFerrite() {
    DpPhase[] ph = {DpPhase.ferrite(), DpPhase.martensite()};
    var s = new DpTension.Settings(0.02, 1.5, 1e-4, 2000, 2);
    var pure = DpTension.run(new PhaseGrid(16, new int[256], 2), ph, s);
    assertFalse(pure.censored());
    // homogeneous plane-strain tension: eta = 1/sqrt(3), dp = 2/sqrt(3) dE in the plastic range
    double perStrain = 0.283 * Math.exp(1.5 / Math.sqrt(3)) * 2 / Math.sqrt(3);
    assertEquals(ph[0].criticalVoidGrowth() / perStrain, pure.fractureStrain(), 0.02);
    var dp = DpTension.run(randomMap(32, 0.3, 3), ph, s);
    assertFalse(dp.censored());
    assertTrue(dp.fractureStrain() < 0.8 * pure.fractureStrain(),
        "DP " + dp.fractureStrain() + " vs ferrite " + pure.fractureStrain());
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    var ex = assertThrows(IllegalArgumentException.class, () -> new PhaseGrid(8, new int[63], 2));
    assertTrue(ex.getMessage().contains("64"));
    var ex2 = assertThrows(IllegalArgumentException.class,
        () -> DpTension.run(new PhaseGrid(8, new int[64], 1),
            new DpPhase[] {DpPhase.ferrite(), DpPhase.martensite()},
            DpTension.Settings.defaults()));
    assertTrue(ex2.getMessage().contains("phases"));
  }
}
