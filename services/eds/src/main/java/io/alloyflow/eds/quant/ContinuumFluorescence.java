package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.AtomicData;
import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.PouchouPichoir;
import com.github.tschoonj.xraylib.Xraylib;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;

/**
 * Continuum (bremsstrahlung) fluorescence of a K line: the ratio of the K-shell ionisations of
 * element A produced by absorbed continuum photons (and emitted towards the detector) to the
 * ionisations produced directly by the beam electrons. It follows the approach of J. Henoc
 * ("Fundamental formulae for quantitative microanalysis with continuum-induced fluorescence", in
 * K.F.J. Heinrich (ed.), Quantitative Electron Probe Microanalysis, NBS Spec. Publ. 298, 1968,
 * 197-214; see also S. J. B. Reed, Electron Microprobe Analysis, 2nd ed., Cambridge 1993, ch. 12):
 * the continuum photons of energy E above A's K edge are generated with Kramers' spectrum, absorbed
 * in the specimen, a share C_A mu_A(E) (r_A - 1)/r_A / mu(E) of them ionises A's K shell, and the
 * fluorescent A radiation leaves through the specimen. Ingredients:
 *
 * <ul>
 *   <li>generated continuum N(E) dE = k Zbar (E0 - E)/E dE photons per electron in 4 pi, Zbar the
 *       mass-averaged atomic number and k = 2.2e-6 per keV, the value implied by the thick-target
 *       bremsstrahlung efficiency 1.1e-9 Z E0/V (A. H. Compton and S. K. Allison, X-Rays in Theory
 *       and Experiment, Van Nostrand 1935) for Kramers' (E0 - E)/E shape (H. A. Kramers, Phil.
 *       Mag. 46, 1923, 836);
 *   <li>the geometry of Reed's characteristic-fluorescence formula (Brit. J. Appl. Phys. 16, 1965,
 *       913): the fraction of photons of energy E absorbed in the half space and re-emitted towards
 *       the detector is 0.5 [ln(1 + u)/u + ln(1 + v)/v], u = mu(E_A) csc(psi) / mu(E), v = sigma_E
 *       / mu(E), with the Lenard coefficient sigma_E = 4.5e5 / (E0^1.65 - E^1.65) describing the
 *       depth at which the photons of energy E are generated (Henoc's choice);
 *   <li>primary K ionisations per electron per unit C_A: (N_A / A_A) R integral_{Ec}^{E0} Q(E) /
 *       S(E) dE, with the Bethe cross-section Q = 6.51e-20 x 2 x 0.35 ln U / (U Ec^2) cm^2 (Ec in
 *       keV; constants of C. J. Powell, Rev. Mod. Phys. 48, 1976, 33, as in Goldstein et al.,
 *       Scanning Electron Microscopy and X-ray Microanalysis, 3rd ed., 2003), and the deceleration
 *       law S(E) and backscatter factor R of XPP ({@link PouchouPichoir}), so that the primary term is the
 *       one the matrix correction uses.
 * </ul>
 *
 * <p>Fluorescence yield and line fractions cancel between the primary and the fluorescent
 * radiation. L and M lines are not treated (ratio 0). The absolute scale rests on two literature
 * constants (Kramers' k and the absolute K cross-section); Powell's fitted Bethe constants (b = 0.9,
 * c = 0.65) instead of b = 0.35, c = 1 would raise the primary yield 1.5 times at U0 ~ 3, so the
 * term is uncertain by about 50 % ({@link Quantifier#CONTINUUM_FLUORESCENCE_REL_SIGMA}). With the
 * constants used, pure Fe at 20 kV gets 5.0 % of its Fe Ka from the continuum, Fe in the NIST K412
 * glass 6.7 %, Cu 7.8 %.
 */
public final class ContinuumFluorescence {
  private ContinuumFluorescence() {}

  /** Kramers constant, photons per electron per keV (4 pi) per unit Z at (E0 - E)/E = 1. */
  public static final double KRAMERS_PER_KEV = 2.2e-6;

  private static final int STEPS = 96;

  /**
   * Continuum-fluorescence ionisations of zA's K shell that leave towards the detector, per
   * primary (electron-induced) ionisation generated in the specimen.
   *
   * @param z matrix atomic numbers
   * @param cIn matrix mass fractions (normalised internally)
   * @param zA emitter
   * @param famA emitter family (only K is treated)
   * @param lineEvA energy of the emitted line (for its absorption on the way out)
   * @param beamEv beam energy
   * @param takeoffRad takeoff angle
   */
  public static double ratio(
      int[] z, double[] cIn, int zA, Family famA, double lineEvA, double beamEv,
      double takeoffRad) {
    if (famA != Family.K) {
      return 0;
    }
    double edgeEv = XrayData.familyEdgeEv(zA, Family.K);
    if (!(edgeEv > 0) || edgeEv >= beamEv) {
      return 0;
    }
    double jump;
    try {
      jump = Xraylib.JumpFactor(zA, Xraylib.K_SHELL);
    } catch (RuntimeException e) {
      return 0;
    }
    if (!(jump > 1)) {
      return 0;
    }
    double sum = 0;
    for (double v : cIn) {
      sum += Math.max(v, 0);
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("matrix composition has no positive mass fraction");
    }
    double[] c = new double[cIn.length];
    double zBar = 0;
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.max(cIn[i], 0) / sum;
      zBar += c[i] * z[i];
    }
    double e0 = beamEv / 1000;
    double ec = edgeEv / 1000;
    double csc = 1 / Math.sin(takeoffRad);
    Matrix matrix = Matrix.of(z, c);
    double muLineOut = matrix.massAttenuation(lineEvA / 1000) * csc;
    // continuum photons absorbed by A's K shell and re-emitted, per electron per unit C_A
    double a = Math.log(ec * 1.0005);
    double b = Math.log(e0 * 0.9995);
    if (!(b > a)) {
      return 0; // beam within 0.1 % of the edge: no continuum above it to speak of
    }
    double h = (b - a) / STEPS;
    double cont = 0;
    for (int i = 0; i <= STEPS; i++) {
      double e = Math.exp(a + i * h);
      double eEv = e * 1000;
      double mu = matrix.massAttenuation(e);
      double muA = XrayData.massAttenuation(zA, eEv);
      double u = muLineOut / mu;
      double sigma = 4.5e5 / (Math.pow(e0, 1.65) - Math.pow(e, 1.65));
      double v = sigma / mu;
      double geometry = 0.5 * (Math.log1p(u) / u + Math.log1p(v) / v);
      double n = KRAMERS_PER_KEV * zBar * (e0 - e) / e;
      double f = n * muA * (jump - 1) / jump / mu * geometry * e; // d(ln E) -> dE
      cont += simpson(i) * f;
    }
    cont *= h / 3;
    double primary = AtomicData.AVOGADRO / XrayData.atomicWeight(zA)
        * PouchouPichoir.backscatterFactor(matrix, ec, e0) * primaryIntegral(matrix, ec, e0);
    return cont / primary;
  }

  private static double simpson(int i) {
    return (i == 0 || i == STEPS) ? 1 : (i % 2 == 1 ? 4 : 2);
  }

  /** integral_{Ec}^{E0} Q(E) / S(E) dE with Bethe Q (cm^2) and XPP's S (keV cm^2/g). */
  private static double primaryIntegral(Matrix matrix, double ec, double e0) {
    double a = Math.log(ec);
    double b = Math.log(e0);
    double h = (b - a) / STEPS;
    PouchouPichoir.DecelerationLaw law = PouchouPichoir.DecelerationLaw.of(matrix);
    double s = 0;
    for (int i = 0; i <= STEPS; i++) {
      double e = Math.exp(a + i * h);
      double u = e / ec;
      double q = 6.51e-20 * 2 * 0.35 * Math.log(u) / (u * ec * ec);
      s += simpson(i) * q / law.stoppingPower(e) * e;
    }
    return s * h / 3;
  }
}
