package io.alloyflow.synthetic.xray;

import io.alloyflow.core.xray.AtomicData;
import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.Pap;
import io.alloyflow.core.xray.PouchouPichoir;
import java.util.Map;

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
 *   <li>Absorption, and optionally generation ({@link EmissionModel}, chosen per call; {@link #absorptionFactor(Map,
 *       double, double, double, double)} is PDH): f(chi) = F(chi)/F(0) of a depth distribution
 *       of ionisation, chi = (mu/rho) csc(takeoff).
 *       <ul>
 *         <li>PDH (default): the Philibert-Duncumb-Heinrich factor (J. Philibert, 3rd ICXOM 1963,
 *             379; K. F. J. Heinrich, 5th ICXOM 1969), f(chi) = 1 / ((1 + chi/sigma)(1 + h/(1 +
 *             h) chi/sigma)), sigma = 4.5e5 / (E0^1.65 - Ec^1.65), h = 1.2 A/Z^2; known to lose
 *             accuracy when f(chi) falls below about 0.5 (soft lines in absorbing matrices, e.g.
 *             Si Ka in Al).
 *         <li>PAP: the full phi(rho z) of J.-L. Pouchou and F. Pichoir, "Quantitative analysis of
 *             homogeneous or stratified microvolumes applying the model PAP", in K.F.J. Heinrich
 *             and D.E. Newbury (eds.), Electron Probe Quantitation, Plenum 1991, pp. 31-75: two
 *             parabolic branches joined at R_c, deepest ionisation R_x = q d R_0 (R_0 the
 *             ionisation range of the P&amp;P deceleration law; q and d from the mass- and
 *             log-averaged Z), peak R_m = g1 g2 g3 R_x, surface ionisation phi0 = 1 + 3.3 (1 -
 *             U0^-(2 - 2.3 eta)) eta^1.2 and area F = R (1/S) / Q(E0) ({@link Pap}). With
 *             {@link EmissionModel#BETHE_PAP} only this depth distribution (hence f(chi)) is
 *             used and the generated intensity stays the Bethe/Joy-Luo/Myklebust model above;
 *             {@link EmissionModel#PAP} also takes the generation from PAP
 *             ({@link #papIonisationsPerElectron}).
 *         <li>Gaussian: the phi(rho z) of R. H. Packwood and J. D. Brown, "A Gaussian expression
 *             to describe phi(rho z) curves for quantitative electron probe microanalysis",
 *             X-Ray Spectrom. 10 (1981) 138-146, phi(rho z) = exp(-alpha^2 (rho z)^2) (gamma0 -
 *             (gamma0 - phi0) exp(-beta rho z)), with the parameters of J. A. Riveros and G. E.
 *             Castellano, "Review of phi(rho z) curves in electron probe microanalysis", X-Ray
 *             Spectrom. 22 (1993) 3-10: alpha = 2.14e5 Z^1.16 / (A E0^1.25) sqrt(ln(1.166
 *             E0/J) / (E0 - Ec)), beta = 1.1e5 Z^1.5 / ((E0 - Ec) A) (cm^2/g, keV, mass-fraction
 *             averaged as Packwood prescribes for compounds), phi0 = 1 + eta U0 ln U0 / (U0 - 1),
 *             gamma0 = (1 + eta) U0 ln U0 / (U0 - 1), eta of H. Reuter (6th ICXOM, Tokyo 1972,
 *             121), -0.0254 + 0.016 Z - 1.86e-4 Z^2 + 8.3e-7 Z^3, mass-fraction averaged.
 *       </ul>
 *       Against the measured NIST K412 k-ratios (DTSA-II, 20 kV, 35 degrees; standards SiO2,
 *       MgO, Al2O3, CaF2, Fe; the simulator has no secondary fluorescence, which adds about
 *       1.6 % to the measured Fe k-ratio), model/measured - 1 for O, Mg, Al, Si, Ca, Fe:
 *       BETHE_PDH -4.0, +2.1, +2.8, +3.1, +1.5, +4.0 %; BETHE_PAP -5.7, +0.1, +1.1, +1.8, +2.2,
 *       +4.5 %; BETHE_GAUSSIAN -5.0, +1.7, +3.2, +3.4, +2.4, +4.4 %; PAP -5.6, +0.4, +1.4,
 *       +2.0, +0.0, -3.3 %: with the Bethe/Joy-Luo/Myklebust generation the simulator makes
 *       about 6 % too much Fe Ka in the light glass relative to pure Fe (after the 1.6 % of
 *       fluorescence), with PAP's generation it is within 2 %.
 *   <li>Bremsstrahlung (emitted thick-target continuum, {@link #continuum}): the analytical model of
 *       G. Castellano, J. Osan and J. Trincavelli, "Analytical model for the bremsstrahlung
 *       spectrum in the 0.25-20 keV photon energy range", Spectrochim. Acta B 59 (2004) 313-319,
 *       which refines J. Trincavelli, G. Castellano and J. A. Riveros, "Model for the
 *       bremsstrahlung spectrum in EPMA. Application to standardless quantification", X-Ray
 *       Spectrom. 27 (1998) 81-86: N(E) = s sqrt(Z) (E0 - E)/E (-73.90 - 1.2446 E + 36.502 ln Z
 *       + 148.5 E0^0.1293 / Z) (1 + (-0.006624 + 0.0002906 E0) Z / E) photons per electron per sr
 *       per keV (E, E0 in keV; s = {@link #CASTELLANO_SCALE}). It was fitted to measured
 *       thick-target spectra (after absorption and detector-efficiency correction), so it carries
 *       the measured Z dependence (about sqrt(Z) ln Z instead of Kramers' Z) and the extra
 *       fall-off with photon energy (the -1.2446 E term: anisotropy of the emission towards a
 *       backward-looking detector and electron backscatter losses at E near E0); with s = 1e-8
 *       its absolute yield is about half of Kramers' 4 pi average (H. A. Kramers, Phil. Mag. 46
 *       (1923) 836, with k = 2.2e-9 per eV from the bremsstrahlung efficiency 1.1e-9 Z V; kept
 *       as {@link #kramersContinuum} for comparison). Compounds: the pure-element yields weighted by mass fraction (the
 *       bremsstrahlung cross-section per unit path goes as sum n_i Z_i^2 and the stopping power as
 *       sum n_i Z_i, so each element's share is close to its mass fraction since Z/A ~ 1/2).
 *       The continuum at E is generated by all electrons above E, i.e. with the depth
 *       distribution of an ionisation with edge E, and is absorbed with the same f(chi) with Ec
 *       replaced by the photon energy.
 * </ul>
 */
public final class XrayPhysics {

  private XrayPhysics() {}

  /** Avogadro constant, 1/mol ({@link AtomicData#AVOGADRO}). */
  public static final double AVOGADRO = AtomicData.AVOGADRO;

  /**
   * Absolute scale of the Castellano et al. (2004) expression: its numerical value times this
   * factor is photons per electron per sr per keV. The published prefactor could not be checked
   * here, so the scale is calibrated on measured standards: the peak-to-background ratios of the
   * pure Fe and SiO2 standards of the NIST 20 kV session (the same standards that fix the window
   * thickness) give 1.6e-8 (with 1e-8 the simulated P/B came out 1.3-1.6 times the measured one,
   * with Kramers' law 0.57-0.80 times). K412 itself is not used for the calibration; it is the
   * validation (P/B of Si Ka and Fe Ka about 0.90 and 0.82 of measured).
   */
  public static final double CASTELLANO_SCALE = 1.6e-8;

  /** Kramers constant: photons per electron per eV (4 pi) per unit Z at (E0-E)/E = 1. */
  public static final double KRAMERS_K = 2.2e-9;

  /**
   * Emitted bremsstrahlung of a bulk target, photons per electron per steradian per keV at photon
   * energy eKeV for beam energy e0KeV (Castellano, Osan and Trincavelli 2004, see the class
   * comment), mass-fraction weighted over the composition; 0 outside (0, E0).
   */
  public static double continuum(Map<String, Double> comp, double eKeV, double e0KeV) {
    if (!(eKeV > 0) || eKeV >= e0KeV) {
      return 0;
    }
    double s = 0;
    double t = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      double c = e.getValue();
      if (c <= 0) {
        continue;
      }
      t += c;
      int z = z(e.getKey());
      double n = Math.sqrt(z) * (e0KeV - eKeV) / eKeV
          * (-73.90 - 1.2446 * eKeV + 36.502 * Math.log(z) + 148.5 * Math.pow(e0KeV, 0.1293) / z)
          * (1 + (-0.006624 + 0.0002906 * e0KeV) * z / eKeV);
      s += c * Math.max(0, n);
    }
    return t > 0 ? CASTELLANO_SCALE * s / t : 0;
  }

  /**
   * Kramers (1923) continuum with the exponent of {@link #kramersExponent}, photons per electron
   * per sr per keV, Z mass-averaged, k = 2.2e-9 per eV in 4 pi (the model used before the
   * Castellano et al. 2004 model; kept for comparison).
   */
  public static double kramersContinuum(Map<String, Double> comp, double eKeV, double e0KeV) {
    if (!(eKeV > 0) || eKeV >= e0KeV) {
      return 0;
    }
    double zbar = meanZ(comp);
    return KRAMERS_K * 1000 / (4 * Math.PI) * zbar
        * Math.pow((e0KeV - eKeV) / eKeV, kramersExponent(zbar, e0KeV));
  }

  /** Exponent x of the modified Kramers law (Small et al. 1987). */
  public static double kramersExponent(double zbar, double e0KeV) {
    return 1.109 - 0.00435 * zbar + 0.00175 * e0KeV;
  }

  /** Atomic number of an element symbol ({@link AtomicData#z}). */
  public static int z(String symbol) {
    return AtomicData.z(symbol);
  }

  /** Standard atomic weight, g/mol ({@link AtomicData#atomicWeight}). */
  public static double atomicWeight(int z) {
    return AtomicData.atomicWeight(z);
  }

  /**
   * Total mass attenuation coefficient of an element, cm^2/g, at energy in keV ({@link
   * AtomicData#massAttenuation}: extrapolated as E^-2.5 below xraylib's 0.1 keV).
   */
  public static double massAttenuation(int z, double keV) {
    return AtomicData.massAttenuation(z, keV);
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

  /** Photo-absorption cross-section of an element, cm^2/g ({@link AtomicData#photoAbsorption}). */
  public static double photoAbsorption(int z, double keV) {
    return AtomicData.photoAbsorption(z, keV);
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
   * Emission models of the simulator: how the generated intensity and its absorption on the way
   * out are computed (class comment).
   */
  public enum EmissionModel {
    /** Bethe/Joy-Luo/Myklebust generation, Philibert-Duncumb-Heinrich absorption (default). */
    BETHE_PDH,
    /** Bethe/Joy-Luo/Myklebust generation, absorption through PAP's depth distribution. */
    BETHE_PAP,
    /** Bethe/Joy-Luo/Myklebust generation, absorption through the Packwood-Brown Gaussian. */
    BETHE_GAUSSIAN,
    /**
     * Full PAP (Pouchou and Pichoir 1991): generation R (1/S) with P&amp;P's deceleration law,
     * backscatter factor and cross-section shape ln U / U^m (absolute scale from the Bethe
     * prefactor), absorption through PAP's depth distribution ({@link #papIonisationsPerElectron}).
     */
    PAP
  }

  /**
   * Absorption factor f(chi) of a chosen model for photons of energy eKeV generated by ionisation
   * of an edge at ecKeV (the photon energy itself for bremsstrahlung); m is the exponent of the
   * emitting shell's cross-section ({@link #papExponent}), used by PAP only.
   */
  public static double absorptionFactor(
      EmissionModel model, Map<String, Double> comp, double eKeV, double ecKeV, double e0KeV,
      double takeoffDeg, double m) {
    return switch (model) {
      case BETHE_PDH -> pdhAbsorptionFactor(comp, eKeV, ecKeV, e0KeV, takeoffDeg);
      case BETHE_PAP, PAP -> papAbsorptionFactor(comp, eKeV, ecKeV, e0KeV, takeoffDeg, m);
      case BETHE_GAUSSIAN -> gaussianAbsorptionFactor(comp, eKeV, ecKeV, e0KeV, takeoffDeg);
    };
  }

  /**
   * Default absorption factor (Philibert-Duncumb-Heinrich, {@link #pdhAbsorptionFactor}) for
   * photons of energy eKeV generated by ionisation of an edge at ecKeV.
   */
  public static double absorptionFactor(
      Map<String, Double> comp, double eKeV, double ecKeV, double e0KeV, double takeoffDeg) {
    return pdhAbsorptionFactor(comp, eKeV, ecKeV, e0KeV, takeoffDeg);
  }

  /**
   * PAP absorption factor f(chi) = F(chi)/F(0) with the exponent m of the ionisation
   * cross-section Q ~ ln U / (U^m Ec^2) of the emitting shell (P&amp;P 1991: K 0.86 + 0.12
   * exp(-(Z/5)^2), L 0.82, M 0.78).
   */
  public static double papAbsorptionFactor(
      Map<String, Double> comp, double eKeV, double ecKeV, double e0KeV, double takeoffDeg,
      double m) {
    Pap pap;
    try {
      pap = pap(comp, ecKeV, e0KeV, m);
    } catch (IllegalArgumentException e) {
      // PAP's parabolas have no solution very close to the edge (P&P 1991): such shallow,
      // weak emission is absorbed as PDH has it
      return pdhAbsorptionFactor(comp, eKeV, ecKeV, e0KeV, takeoffDeg);
    }
    double chi = massAttenuation(comp, eKeV) / Math.sin(Math.toRadians(takeoffDeg));
    return Math.min(1.0, pap.emitted(chi) / pap.area());
  }

  /**
   * Ionisations per electron of one subshell (edge ecKeV, n electrons, Bethe constant b) of an
   * element at mass fraction c in the full PAP model: (N_A c / A) 6.51e-20 n b R integral
   * ln U / (U^m Ec^2) / S(E) dE = (N_A c / A) 6.51e-20 n b F Q(E0) with PAP's area F = R (1/S) /
   * Q(E0) and Q(E0) = ln U0 / (U0^m Ec^2) (Pouchou and Pichoir 1991; the absolute prefactor is
   * Bethe's, as in {@link #ionisationCrossSection}). Backscatter losses are included.
   */
  public static double papIonisationsPerElectron(
      Map<String, Double> comp, int z, double c, double ecKeV, double electrons, double b,
      double e0KeV, double m) {
    if (e0KeV <= ecKeV * 1.0001) {
      return 0;
    }
    double u0 = e0KeV / ecKeV;
    double q = Math.log(u0) / (Math.pow(u0, m) * ecKeV * ecKeV);
    return AVOGADRO * c / atomicWeight(z) * 6.51e-20 * electrons * b
        * PouchouPichoir.area(Matrix.of(comp), cappedEdge(ecKeV, e0KeV), e0KeV, m) * q;
  }

  /**
   * The PAP depth distribution ({@link Pap}, core) of an edge ecKeV in a composition at e0KeV;
   * an edge at (or within 1 % below) the beam energy is treated as at E0/1.01, where it is
   * ionised only near the surface.
   */
  public static Pap pap(Map<String, Double> comp, double ecKeV, double e0KeV, double mExp) {
    return Pap.of(Matrix.of(comp), cappedEdge(ecKeV, e0KeV), e0KeV, mExp);
  }

  private static double cappedEdge(double ecKeV, double e0KeV) {
    if (!(e0KeV > 0) || !(ecKeV > 0)) {
      throw new IllegalArgumentException(
          "edge and beam energy must be positive, found " + ecKeV + " and " + e0KeV + " keV");
    }
    return Math.min(ecKeV, e0KeV / 1.01);
  }

  /**
   * Cross-section exponent m of P&amp;P (1991) for a shell family ("K", "L", "M"; {@link
   * PouchouPichoir#crossSectionExponent}).
   */
  public static double papExponent(int z, String family) {
    return PouchouPichoir.crossSectionExponent(z, family);
  }

  /**
   * Absorption factor of the Gaussian phi(rho z) of Packwood and Brown (1981) with the Riveros and
   * Castellano (1993) parameters (see the class comment).
   */
  public static double gaussianAbsorptionFactor(
      Map<String, Double> comp, double eKeV, double ecKeV, double e0KeV, double takeoffDeg) {
    double[] p = gaussianPhiRhoZ(comp, ecKeV, e0KeV);
    double mu = massAttenuation(comp, eKeV);
    double chi = mu / Math.sin(Math.toRadians(takeoffDeg));
    return gaussianEmitted(p, chi) / gaussianEmitted(p, 0);
  }

  /**
   * Parameters {alpha, beta, phi0, gamma0} (alpha, beta in cm^2/g) of the Packwood-Brown Gaussian
   * phi(rho z) with the Riveros-Castellano (1993) parameterisation, for an edge ecKeV at beam
   * energy e0KeV; matrix variables mass-fraction averaged.
   */
  public static double[] gaussianPhiRhoZ(Map<String, Double> comp, double ecKeV, double e0KeV) {
    if (!(e0KeV > 0) || !(ecKeV > 0)) {
      throw new IllegalArgumentException(
          "edge and beam energy must be positive, found " + ecKeV + " and " + e0KeV + " keV");
    }
    // an edge at (or above) the beam energy is ionised only at the surface: cap U0 just above 1
    double ec = Math.min(ecKeV, e0KeV * 0.999);
    double alpha = 0;
    double beta = 0;
    double eta = 0;
    double t = 0;
    for (Map.Entry<String, Double> e : comp.entrySet()) {
      double c = e.getValue();
      if (!(c > 0)) {
        continue;
      }
      int z = z(e.getKey());
      double a = atomicWeight(z);
      double j = meanIonisationKeV(z);
      alpha += c * 2.14e5 * Math.pow(z, 1.16) / (a * Math.pow(e0KeV, 1.25))
          * Math.sqrt(Math.log(1.166 * e0KeV / j) / (e0KeV - ec));
      beta += c * 1.1e5 * Math.pow(z, 1.5) / ((e0KeV - ec) * a);
      eta += c * reuterBackscatter(z);
      t += c;
    }
    if (!(t > 0)) {
      throw new IllegalArgumentException("composition has no positive mass fraction: " + comp);
    }
    alpha /= t;
    beta /= t;
    eta /= t;
    double u0 = e0KeV / ec;
    double g = u0 * Math.log(u0) / (u0 - 1);
    return new double[] {alpha, beta, 1 + eta * g, (1 + eta) * g};
  }

  /**
   * Emitted integral of the Gaussian phi(rho z) {alpha, beta, phi0, gamma0}: integral of phi(rho
   * z) exp(-chi rho z) d(rho z) = sqrt(pi)/(2 alpha) (gamma0 erfcx(chi/(2 alpha)) - (gamma0 -
   * phi0) erfcx((beta + chi)/(2 alpha))), g/cm^2, with erfcx(x) = exp(x^2) erfc(x).
   */
  public static double gaussianEmitted(double[] p, double chi) {
    double alpha = p[0];
    return Math.sqrt(Math.PI) / (2 * alpha)
        * (p[3] * erfcx(chi / (2 * alpha)) - (p[3] - p[2]) * erfcx((p[1] + chi) / (2 * alpha)));
  }

  /**
   * Scaled complementary error function exp(x^2) erfc(x) for x >= 0, from the Chebyshev fit of
   * W. H. Press et al., Numerical Recipes, 2nd ed. (1992), sec. 6.2 (erfcc, fractional error
   * below 1.2e-7), written so that the exp(-x^2) factor cancels and large x cannot underflow.
   */
  static double erfcx(double x) {
    if (x < 0) {
      throw new IllegalArgumentException("erfcx implemented for x >= 0, found " + x);
    }
    double t = 1 / (1 + 0.5 * x);
    return t * Math.exp(-1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
  }

  /** Backscatter coefficient of a pure element (Reuter 1972, see the class comment). */
  public static double reuterBackscatter(int z) {
    return -0.0254 + 0.016 * z - 1.86e-4 * z * z + 8.3e-7 * z * z * z;
  }

  /**
   * Philibert-Duncumb-Heinrich absorption factor f(chi) for photons of energy eKeV generated by
   * ionisation of an edge at ecKeV (use the photon energy itself for bremsstrahlung).
   */
  public static double pdhAbsorptionFactor(
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
