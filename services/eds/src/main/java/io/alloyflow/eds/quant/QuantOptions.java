package io.alloyflow.eds.quant;

import io.alloyflow.eds.lines.Family;
import java.util.Map;

/**
 * Options of standards-based quantification.
 *
 * @param oxygen oxygen measured or by stoichiometry
 * @param valences cation valence overrides for stoichiometry (symbol -> valence)
 * @param families line family overrides (symbol -> family); default {@link
 *     io.alloyflow.eds.lines.XrayData#analyticalFamily}
 * @param detectorFwhmMnKaEv detector FWHM at Mn Ka in eV; NaN to estimate it from the unknown
 * @param roiWidthFwhm half width of the filter-fit regions of interest in FWHM units
 * @param unknownCoatingNm carbon coating thickness on the unknown, nm (0 = none)
 * @param standardCoatingNm carbon coating thickness on the standards, nm (0 = none)
 * @param coatingDensity coating density g/cm^3 (evaporated carbon ~ 1.9-2.1)
 * @param modelSigmaMedium relative 1-sigma of the matrix correction for lines above 1 keV
 * @param modelSigmaLight relative 1-sigma of the matrix correction for lines below 1 keV
 * @param maxIterations iteration limit
 * @param tolerance convergence: largest change of a mass fraction between iterations
 * @param fluorescence apply the characteristic fluorescence correction of Reed (1965); off, the
 *     matrix correction is the ZA form
 * @param continuumFluorescence add the continuum-induced fluorescence of K lines
 *     ({@link ContinuumFluorescence}, Henoc 1968 with Kramers' continuum and Reed's geometry)
 * @param matrixCorrection phi(rho z) model of the matrix correction, PAP (default) or XPP
 *     ({@link MatrixCorrection}); null means PAP
 */
public record QuantOptions(
    OxygenMode oxygen,
    Map<String, Integer> valences,
    Map<String, Family> families,
    double detectorFwhmMnKaEv,
    double roiWidthFwhm,
    double unknownCoatingNm,
    double standardCoatingNm,
    double coatingDensity,
    double modelSigmaMedium,
    double modelSigmaLight,
    int maxIterations,
    double tolerance,
    boolean fluorescence,
    boolean continuumFluorescence,
    MatrixCorrection matrixCorrection) {
  public QuantOptions {
    matrixCorrection = matrixCorrection == null ? MatrixCorrection.PAP : matrixCorrection;
    if (oxygen == null) {
      throw new IllegalArgumentException("oxygen mode must be MEASURED or STOICHIOMETRY, found null");
    }
    valences = valences == null ? Map.of() : Map.copyOf(valences);
    families = families == null ? Map.of() : Map.copyOf(families);
    if (!(roiWidthFwhm > 0.3 && roiWidthFwhm < 5)) {
      throw new IllegalArgumentException("ROI half width must be 0.3..5 FWHM, found " + roiWidthFwhm);
    }
    if (unknownCoatingNm < 0 || standardCoatingNm < 0 || !(coatingDensity > 0)) {
      throw new IllegalArgumentException("coating thicknesses must be >= 0 and density > 0");
    }
    if (modelSigmaMedium < 0 || modelSigmaLight < 0) {
      throw new IllegalArgumentException("model uncertainties must be >= 0");
    }
    if (maxIterations < 1 || !(tolerance > 0)) {
      throw new IllegalArgumentException("need maxIterations >= 1 and tolerance > 0");
    }
  }

  /**
   * Defaults: oxygen measured, detector resolution estimated, ROI +-2.5 FWHM (the filtered peak
   * with its negative lobes), no coatings, matrix-correction model uncertainty 1.7 % (lines above
   * 1 keV) and 4 % (below) relative, the rms errors that Pouchou and Pichoir (1991) report for
   * their models on their medium/heavy and light-element k-ratio databases, 100 iterations,
   * tolerance 1e-6, no characteristic fluorescence, continuum fluorescence of K lines on (a
   * physical effect present in every specimen; for a heavy element diluted in a light matrix
   * against its pure standard it changes the result by 1-2 %, e.g. Fe in the NIST K412 glass), and
   * the PAP depth distribution. PAP rather than XPP: the two share the atomic-number correction
   * and agree for mild absorption, but for soft lines strongly absorbed in light matrices they
   * part (Si Ka in Al-12.6Si at 20 kV, 35 degrees: XPP's f(chi) 3.5 % above PAP's); on the NIST
   * K412 glass at 20 kV against oxide standards PAP brings O, Mg, Al and Si 0.7-1.1 % closer to
   * the certified values (every spectrum but one within 1 sigma, against none with XPP), Ca and
   * Fe unchanged, while the 15 kV exercise against pure Al and Si standards, already 3-4 % high
   * with XPP, rises by 0.4-1.0 % ({@link MatrixCorrection}, {@code PapTest}).
   */
  public static QuantOptions defaults() {
    return new QuantOptions(
        OxygenMode.MEASURED, Map.of(), Map.of(), Double.NaN, 2.5, 0, 0, 2.0, 0.017, 0.04, 100, 1e-6,
        false, true, MatrixCorrection.PAP);
  }

  /** A copy with another oxygen mode. */
  public QuantOptions withOxygen(OxygenMode mode) {
    return new QuantOptions(
        mode, valences, families, detectorFwhmMnKaEv, roiWidthFwhm, unknownCoatingNm,
        standardCoatingNm, coatingDensity, modelSigmaMedium, modelSigmaLight, maxIterations,
        tolerance, fluorescence, continuumFluorescence, matrixCorrection);
  }

  /** A copy with a detector resolution. */
  public QuantOptions withResolution(double fwhmMnKaEv) {
    return new QuantOptions(
        oxygen, valences, families, fwhmMnKaEv, roiWidthFwhm, unknownCoatingNm, standardCoatingNm,
        coatingDensity, modelSigmaMedium, modelSigmaLight, maxIterations, tolerance, fluorescence,
        continuumFluorescence, matrixCorrection);
  }

  /** A copy with carbon coatings (nm) on unknown and standards. */
  public QuantOptions withCoatings(double unknownNm, double standardNm) {
    return new QuantOptions(
        oxygen, valences, families, detectorFwhmMnKaEv, roiWidthFwhm, unknownNm, standardNm,
        coatingDensity, modelSigmaMedium, modelSigmaLight, maxIterations, tolerance, fluorescence,
        continuumFluorescence, matrixCorrection);
  }

  /** A copy with the characteristic fluorescence correction switched on or off. */
  public QuantOptions withFluorescence(boolean on) {
    return new QuantOptions(
        oxygen, valences, families, detectorFwhmMnKaEv, roiWidthFwhm, unknownCoatingNm,
        standardCoatingNm, coatingDensity, modelSigmaMedium, modelSigmaLight, maxIterations,
        tolerance, on, continuumFluorescence, matrixCorrection);
  }

  /** A copy with the continuum fluorescence correction switched on or off. */
  public QuantOptions withContinuumFluorescence(boolean on) {
    return new QuantOptions(
        oxygen, valences, families, detectorFwhmMnKaEv, roiWidthFwhm, unknownCoatingNm,
        standardCoatingNm, coatingDensity, modelSigmaMedium, modelSigmaLight, maxIterations,
        tolerance, fluorescence, on, matrixCorrection);
  }

  /** A copy with another phi(rho z) matrix correction (XPP or PAP). */
  public QuantOptions withMatrixCorrection(MatrixCorrection model) {
    return new QuantOptions(
        oxygen, valences, families, detectorFwhmMnKaEv, roiWidthFwhm, unknownCoatingNm,
        standardCoatingNm, coatingDensity, modelSigmaMedium, modelSigmaLight, maxIterations,
        tolerance, fluorescence, continuumFluorescence, model);
  }
}
