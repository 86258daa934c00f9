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
    double top = net[peak];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
    for (int d = -12; d <= 12; d++) {
      int c = peak + d;
      if (c < 0 || c >= net.length || net[c] < 0.25 * top) {
        continue;
      }
      double y = net[c];
      double w = y * y;
      double ly = Math.log(y);
      double x = d;
      s0 += w;
      s1 += w * x;
      s2 += w * x * x;
      s3 += w * x * x * x;
      s4 += w * x * x * x * x;
      t0 += w * ly;
      t1 += w * x * ly;
      t2 += w * x * x * ly;
    }
    // solve the 3x3 normal equations for ln y = a + b x + c x^2
    double[][] m = {{s0, s1, s2}, {s1, s2, s3}, {s2, s3, s4}};
    double[] r = {t0, t1, t2};
    double det = det3(m);
    if (Math.abs(det) < 1e-300) {
      return Double.NaN;
    }
    double[][] mc = {{s0, s1, t0}, {s1, s2, t1}, {s2, s3, t2}};
    double c = det3(mc) / det;
    if (!(c < 0)) {
      return Double.NaN;
    }
    double sigmaCh = Math.sqrt(-1 / (2 * c));
    return 2.354820045 * sigmaCh * gainEv;
  }

  private static double det3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
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
