package io.alloyflow.eds.calibration;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;

/**
 * Live-time and dose normalisation, and count-conserving rebinning onto another energy axis (used
 * for drift correction). Dose is live time x probe current (nA s); intensities per unit dose are
 * what k-ratios compare.
 */
public final class Normalization {
  private Normalization() {}

  /** Dose in nA s (live time alone, in s, when the probe current is unknown). */
  public static double dose(Spectrum s) {
    if (!(s.liveTimeS() > 0)) {
      throw new IllegalArgumentException(
          "spectrum '" + s.title() + "' has no live time (#LIVETIME): cannot normalise by dose");
    }
    return s.liveTimeS() * (s.probeCurrentNa() > 0 ? s.probeCurrentNa() : 1.0);
  }

  /** Counts per unit dose (counts / (nA s)), channel by channel. */
  public static double[] perDose(Spectrum s) {
    double d = dose(s);
    double[] out = new double[s.channels()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.counts()[i] / d;
    }
    return out;
  }

  /** Counts per second of live time. */
  public static double[] perLiveSecond(Spectrum s) {
    if (!(s.liveTimeS() > 0)) {
      throw new IllegalArgumentException("spectrum '" + s.title() + "' has no live time");
    }
    double[] out = new double[s.channels()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.counts()[i] / s.liveTimeS();
    }
    return out;
  }

  /**
   * Rebins counts onto another axis with the same number of channels, conserving counts: each
   * source channel's counts are spread over the target channels its energy interval overlaps.
   */
  public static Spectrum rebin(Spectrum s, EnergyAxis target) {
    int n = s.channels();
    double[] out = new double[n];
    EnergyAxis src = s.axis();
    for (int i = 0; i < n; i++) {
      double c = s.counts()[i];
      if (c == 0) {
        continue;
      }
      double e0 = src.energyEv(i - 0.5);
      double e1 = src.energyEv(i + 0.5);
      double t0 = target.channel(e0) + 0.5;
      double t1 = target.channel(e1) + 0.5;
      int k0 = (int) Math.floor(t0);
      int k1 = (int) Math.floor(t1);
      double width = t1 - t0;
      for (int k = k0; k <= k1; k++) {
        if (k < 0 || k >= n) {
          continue;
        }
        double lo = Math.max(t0, k);
        double hi = Math.min(t1, k + 1);
        if (hi > lo) {
          out[k] += c * (hi - lo) / width;
        }
      }
    }
    return new Spectrum(out, target, s.liveTimeS(), s.realTimeS(), s.beamEnergyKeV(),
        s.takeoffAngleDeg(), s.probeCurrentNa(), s.title(), s.metadata());
  }
}
