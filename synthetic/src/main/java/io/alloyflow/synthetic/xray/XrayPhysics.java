package io.alloyflow.synthetic.xray;

import com.github.tschoonj.xraylib.Xraylib;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Physical models for electron-excited X-ray emission from bulk targets. Atomic data (edge and
 * line energies, fluorescence yields, radiative rates, Coster-Kronig probabilities, mass
 * attenuation coefficients) come from xraylib (T. Schoonjans et al., "The xraylib library for
 * X-ray-matter interactions. Recent developments", Spectrochim. Acta B 66 (2011) 776).
 *
 * <ul>
 *   <li>Inner-shell ionisation cross-section: Bethe (1930) form Q = 6.51e-20 n_s b_s ln(c_s U) /
 *       (U E_c^2) cm^2 (E_c in keV) with b = 0.35, c = 1 for K, b = 0.25, c = 1 for L and M
 *       subshells (constants as quoted by Powell, Rev. Mod. Phys. 48, 1976, 33, and in Goldstein
 *       et al., Scanning Electron Microscopy and X-ray Microanalysis, 3rd ed., 2003, eq. 6.3).
 *   <li>Stopping power: Bethe with the low-energy modification of D. C. Joy and S. Luo,
 *       "An empirical stopping power relationship for low-energy electrons", Scanning 11 (1989)
 *       176: dE/d(rho s) = -78500 / E sum_i c_i Z_i / A_i ln(1.166 (E + 0.85 J_i) / J_i) keV
 *       cm^2/g, with J from M. J. Berger and S. M. Seltzer (NAS-NRC Publ. 1133, 1964): J = 9.76 Z
 *       + 58.5 Z^-0.19 eV.
 *   <li>Backscatter loss factor R: R.L. Myklebust, J. Phys. Colloq. 45 (1984) C2-41 (FRAME):
 *       R = 1 - 0.0081512 Z + 3.613e-5 Z^2 + 0.009582 Z exp(-U) + 0.00114 E0/keV, mass-weighted.
 *   <li>Absorption: the Philibert-Duncumb-Heinrich model, f(chi) = 1 / ((1 + chi/sigma)(1 + h/(1
 *       + h) chi/sigma)), chi = (mu/rho) csc(takeoff), sigma = 4.5e5 / (E0^1.65 - Ec^1.65),
 *       h = 1.2 A/Z^2 (J. Philibert, 3rd ICXOM 1963, 379; K. F. J. Heinrich, 5th ICXOM 1969).
 *   <li>Bremsstrahlung: H. A. Kramers, Phil. Mag. 46 (1923) 836: N(E) dE = k Zbar (E0 - E)/E dE
 *       photons per electron, Zbar mass-averaged, k = 2.2e-9 / eV over 4 pi (from the thick-target
 *       bremsstrahlung efficiency 1.1e-9 Z V, Compton and Allison, X-rays in Theory and
 *       Experiment, 1935), absorbed with the same f(chi) (Ec replaced by the photon energy).
 * </ul>
 */
public final class XrayPhysics {

  private XrayPhysics() {}

  /** Avogadro constant, 1/mol. */
  public static final double AVOGADRO = 6.02214076e23;

  /** Kramers constant: photons per electron per eV (4 pi) per unit Z at (E0-E)/E = 1. */
  public static final double KRAMERS_K = 2.2e-9;

  private static final Map<Long, Double> MU_CACHE = new ConcurrentHashMap<>();

  /** Exponent x of the modified Kramers law (Small et al. 1987). */
  public static double kramersExponent(double zbar, double e0KeV) {
    return 1.109 - 0.00435 * zbar + 0.00175 * e0KeV;
  }

  /** Atomic number of an element symbol, with a clear error for unknown symbols. */
  public static int z(String symbol) {
    try {
      return Xraylib.SymbolToAtomicNumber(symbol);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown element symbol '" + symbol + "'", e);
    }
  }

  /** Standard atomic weight, g/mol. */
  public static double atomicWeight(int z) {
    return Xraylib.AtomicWeight(z);
  }

  /**
   * Total mass attenuation coefficient of an element, cm^2/g, at energy in keV. Below xraylib's
   * 0.1 keV table limit the value is extrapolated as E^-2.5.
   */
  public static double massAttenuation(int z, double keV) {
    if (keV < 0.1) {
      return massAttenuation(z, 0.1) * Math.pow(0.1 / keV, 2.5);
    }
    long key = ((long) z << 40) ^ Double.doubleToLongBits(keV);
    Double v = MU_CACHE.get(key);
    if (v == null) {
      v = Xraylib.CS_Total(z, keV);
      if (MU_CACHE.size() < 2_000_000) {
        MU_CACHE.put(key, v);
      }
    }
    return v;
  }

  /** Mass attenuation of a composition (mass-fraction sum), cm^2/g. */
  public static double massAttenuation(Map<String, Double> comp, double keV) {
    double s = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      if (e.getValue() > 0) {
        s += e.getValue() * massAttenuation(z(e.getKey()), keV);
      }
    }
    return s;
  }

  /** Photo-absorption cross-section of an element, cm^2/g. */
  public static double photoAbsorption(int z, double keV) {
    if (keV < 0.1) {
      return photoAbsorption(z, 0.1) * Math.pow(0.1 / keV, 2.5);
    }
    return Xraylib.CS_Photo(z, keV);
  }

  /** Mass-averaged atomic number. */
  public static double meanZ(Map<String, Double> comp) {
    double s = 0;
    double t = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      s += e.getValue() * z(e.getKey());
      t += e.getValue();
    }
    return s / t;
  }

  /** Mean ionisation potential J in keV (Berger and Seltzer 1964). */
  public static double meanIonisationKeV(int z) {
    return (9.76 * z + 58.5 * Math.pow(z, -0.19)) * 1e-3;
  }

  /** Mass stopping power S = -dE/d(rho s) in keV cm^2/g at electron energy E keV (Joy-Luo). */
  public static double stoppingPower(Map<String, Double> comp, double eKeV) {
    double s = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      int z = z(e.getKey());
      double j = meanIonisationKeV(z);
      s += e.getValue() * z / atomicWeight(z) * Math.log(1.166 * (eKeV + 0.85 * j) / j);
    }
    return 78500 / eKeV * s;
  }

  /** Bethe ionisation cross-section, cm^2, for a subshell with edge ecKeV at energy eKeV. */
  public static double ionisationCrossSection(
      double eKeV, double ecKeV, double electrons, double b) {
    double u = eKeV / ecKeV;
    if (u <= 1) {
      return 0;
    }
    return 6.51e-20 * electrons * b * Math.log(u) / (u * ecKeV * ecKeV);
  }

  /**
   * Ionisations per incident electron of one subshell of an element present at mass fraction
   * c (before backscatter loss): (N_A c / A) integral_{Ec}^{E0} Q(E) / S(E) dE, by Simpson's rule
   * in ln E.
   */
  public static double ionisationsPerElectron(
      Map<String, Double> comp, int z, double c, double ecKeV, double electrons, double b,
      double e0KeV) {
    if (e0KeV <= ecKeV * 1.0001) {
      return 0;
    }
    int n = 64;
    double a = Math.log(ecKeV);
    double bb = Math.log(e0KeV);
    double h = (bb - a) / n;
    double sum = 0;
    for (int i = 0; i <= n; i++) {
      double e = Math.exp(a + i * h);
      double f = ionisationCrossSection(e, ecKeV, electrons, b) / stoppingPower(comp, e) * e;
      double wgt = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2);
      sum += wgt * f;
    }
    double integral = sum * h / 3;
    return AVOGADRO * c / atomicWeight(z) * integral;
  }

  /** Backscatter loss factor R (Myklebust 1984), mass-weighted over the composition. */
  public static double backscatterFactor(Map<String, Double> comp, double u, double e0KeV) {
    double r = 0;
    double t = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      int z = z(e.getKey());
      r += e.getValue()
          * (1 - 0.0081512 * z + 3.613e-5 * z * z + 0.009582 * z * Math.exp(-u) + 0.00114 * e0KeV);
      t += e.getValue();
    }
    return Math.min(1, Math.max(0, r / t));
  }

  /**
   * Philibert-Duncumb-Heinrich absorption factor f(chi) for photons of energy eKeV generated by
   * ionisation of an edge at ecKeV (use the photon energy itself for bremsstrahlung).
   */
  public static double absorptionFactor(
      Map<String, Double> comp, double eKeV, double ecKeV, double e0KeV, double takeoffDeg) {
    double mu = massAttenuation(comp, eKeV);
    double chi = mu / Math.sin(Math.toRadians(takeoffDeg));
    double denom = Math.pow(e0KeV, 1.65) - Math.pow(Math.min(ecKeV, e0KeV * 0.999), 1.65);
    double sigma = 4.5e5 / denom;
    double h = 0;
    double t = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      int z = z(e.getKey());
      h += e.getValue() * 1.2 * atomicWeight(z) / ((double) z * z);
      t += e.getValue();
    }
    h /= t;
    double x = chi / sigma;
    return 1 / ((1 + x) * (1 + h / (1 + h) * x));
  }
}
