package io.alloyflow.eds.calibration;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.background.Snip;
import io.alloyflow.eds.peaks.DetectorResolution;

/**
 * Estimates the detector resolution (FWHM at Mn Ka) from the strongest background-subtracted peak
 * above 1 keV: a weighted least-squares parabola through the logarithm of the net counts of the
 * peak top (Caruana, Searle and Shupe, "Least squares fitting of a Gaussian", 1986; weights y^2
 * as Guo 2011, IEEE Signal Processing Magazine 28, 134), converted to Mn Ka with the Fano model
 * of {@link DetectorResolution}. Unresolved doublets (Ka1/Ka2) widen the estimate by < 2 eV.
 */
public final class ResolutionEstimator {
  private ResolutionEstimator() {}

  /** FWHM (eV) of a Gaussian fitted to the top of the peak at a channel in a net spectrum. */
  public static double peakFwhmEv(double[] net, int peak, double gainEv) {
    GaussianTopFit fit = GaussianTopFit.fit(net, peak, 12, 0.25);
    return fit == null ? Double.NaN : 2.354820045 * fit.sigmaChannels() * gainEv;
  }

  /**
   * Resolution at Mn Ka estimated from the strongest peak above 1 keV; falls back to {@code
   * fallbackEv} when no usable peak is found.
   */
  public static double estimateMnKa(Spectrum s, double fallbackEv) {
    DetectorResolution guess = DetectorResolution.of(fallbackEv);
    double[] bg = Snip.background(s.counts(), s.axis(), guess, 2.0);
    int n = s.channels();
    double[] net = new double[n];
    int best = -1;
    for (int i = 0; i < n; i++) {
      net[i] = s.counts()[i] - bg[i];
      double e = s.axis().energyEv(i);
      if (e > 1000 && e < 0.9 * s.beamEnergyKeV() * 1000 && (best < 0 || net[i] > net[best])) {
        best = i;
      }
    }
    if (best < 0 || net[best] < 200) {
      return fallbackEv;
    }
    double fwhm = peakFwhmEv(net, best, s.axis().gainEvPerChannel());
    if (!Double.isFinite(fwhm)) {
      return fallbackEv;
    }
    double e = s.axis().energyEv(best);
    double mn2 = fwhm * fwhm - 2.5 * (e - DetectorResolution.MN_KA_EV);
    double mn = Math.sqrt(Math.max(mn2, 0));
    return (mn > 40 && mn < 400) ? mn : fallbackEv;
  }
}
