package io.alloyflow.eds.peaks;

/**
 * Energy resolution of a Si EDS detector: FWHM^2(E) = FWHM_MnKa^2 + c (E - 5898.7 eV), the
 * Fano-limited model of Fiori and Newbury ("Measurement and correction of the detector
 * resolution", Scanning Electron Microscopy 1978/I, 401-422), with c = 2.5 eV (8 ln2 x Fano factor
 * 0.12 x 3.76 eV per electron-hole pair in Si).
 *
 * @param fwhmMnKaEv FWHM at Mn Ka (5898.7 eV) in eV
 * @param coefficientEv slope c of FWHM^2 against energy, in eV
 */
public record DetectorResolution(double fwhmMnKaEv, double coefficientEv) {
  /** Mn Ka1 energy in eV. */
  public static final double MN_KA_EV = 5898.7;

  public DetectorResolution {
    if (!(fwhmMnKaEv > 30 && fwhmMnKaEv < 1000)) {
      throw new IllegalArgumentException(
          "FWHM at Mn Ka must be between 30 and 1000 eV, found " + fwhmMnKaEv);
    }
    if (!(coefficientEv > 0)) {
      throw new IllegalArgumentException("Fano coefficient must be positive, found " + coefficientEv);
    }
  }

  /** Resolution with the default Fano coefficient 2.5 eV. */
  public static DetectorResolution of(double fwhmMnKaEv) {
    return new DetectorResolution(fwhmMnKaEv, 2.5);
  }

  /** FWHM in eV at an energy in eV (floored at 20 eV). */
  public double fwhmEv(double energyEv) {
    double f2 = fwhmMnKaEv * fwhmMnKaEv + coefficientEv * (energyEv - MN_KA_EV);
    return Math.sqrt(Math.max(f2, 400.0));
  }

  /** Gaussian standard deviation in eV at an energy in eV. */
  public double sigmaEv(double energyEv) {
    return fwhmEv(energyEv) / 2.354820045;
  }
}
