package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.Pap;
import io.alloyflow.core.xray.PhiRhoZ;
import io.alloyflow.core.xray.PouchouPichoir;
import io.alloyflow.core.xray.Xpp;
import io.alloyflow.eds.lines.Family;

/**
 * The phi(rho z) matrix correction used by standards-based quantification: both models of
 * Pouchou and Pichoir ("Quantitative analysis of homogeneous or stratified microvolumes applying
 * the model PAP", in K.F.J. Heinrich and D.E. Newbury (eds.), Electron Probe Quantitation, Plenum
 * 1991, pp. 31-75) share the area F = R (1/S) / Q(E0) (atomic-number correction) and the surface
 * ionisation phi0, and differ in the shape of the depth distribution, hence in the absorption
 * factor f(chi) = F(chi)/F(0). They agree within 0.2 % for f(chi) above 0.85 and, in heavy
 * matrices, down to f ~ 0.2; for soft lines strongly absorbed in light matrices they part (Si Ka
 * in Al-12.6Si at 20 kV, 35 degrees, f ~ 0.3: XPP's f is 3.5 % above PAP's); an independent
 * single-scattering Monte Carlo does not decide between them (at 20 kV it lies nearer PAP, at
 * 15 kV nearer XPP, at 10 kV 2.7 % above both; {@code XppPapComparisonTest}). On measured data
 * the NIST K412 glass at 20 kV against oxide standards comes out closer to its certified
 * composition with PAP (O, Mg, Al, Si by 0.7-1.1 %; {@code PapTest}), the 15 kV K411/K412
 * exercise against pure Al and Si standards 0.4-1.0 % closer with XPP. PAP, the full model of
 * which XPP is the simplification, is the default ({@link QuantOptions#defaults()}).
 */
public enum MatrixCorrection {
  /** XPP: two exponentials from phi0, F, the mean depth R-bar and the initial slope ({@link Xpp}). */
  XPP,
  /**
   * PAP: two parabolas from phi0, F, the peak depth R_m and the deepest ionisation R_x ({@link
   * Pap}).
   */
  PAP;

  /**
   * The depth distribution of this model (the shared physics of {@code io.alloyflow.core.xray},
   * which works in keV: the eV of EMSA axes are converted here).
   *
   * @param z atomic numbers of the matrix
   * @param c mass fractions (normalised internally)
   * @param zA emitter
   * @param family line family of the emitter
   * @param edgeEv ionisation edge of the emitting shell, eV
   * @param beamEv beam energy, eV
   */
  public PhiRhoZ shape(int[] z, double[] c, int zA, Family family, double edgeEv, double beamEv) {
    Matrix m = Matrix.of(z, c);
    double mExp = PouchouPichoir.crossSectionExponent(zA, family.name());
    return switch (this) {
      case XPP -> Xpp.of(m, edgeEv / 1000, beamEv / 1000, mExp);
      case PAP -> Pap.of(m, edgeEv / 1000, beamEv / 1000, mExp);
    };
  }
}
