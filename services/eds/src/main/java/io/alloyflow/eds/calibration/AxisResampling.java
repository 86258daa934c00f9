package io.alloyflow.eds.calibration;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.core.spectrum.Spectrum;

/**
 * Re-derives a spectrum on another energy axis (see {@link #rebin}). Used to bring standards
 * measured on another day (slightly different gain, offset and channel count) onto the unknown's
 * axis before the filter fit; the rebinned counts are no longer integers, and neighbouring
 * channels share a little counting noise (their covariance is neglected in the fit weights).
 */
public final class AxisResampling {
  private AxisResampling() {}

  /** Largest relative gain difference accepted (beyond it the detectors are not comparable). */
  public static final double MAX_RELATIVE_GAIN_DIFFERENCE = 0.10;

  /**
   * Counts of a spectrum on {@code target} with {@code channels} channels (target channels outside
   * the source range get 0): the count density (counts / eV at the channel centres) is
   * interpolated by cubic convolution (Keys, IEEE Trans. ASSP 29 (1981) 1153; a = -1/2) at the
   * target channel centres and multiplied by the target channel width. Unlike rebinning a
   * piecewise-constant density, which convolves every peak with the channel boxes and so widens
   * it (about 1 % at O Ka: enough to bias a filter-fit k-ratio by 0.7 %), this keeps peak widths;
   * total counts are kept to the interpolation error (well below 0.1 % for EDS spectra, whose
   * peaks span several channels).
   */
  public static double[] rebin(double[] counts, EnergyAxis source, EnergyAxis target, int channels) {
    if (channels < 1) {
      throw new IllegalArgumentException("target channel count must be >= 1, found " + channels);
    }
    double[] out = new double[channels];
    double gs = source.gainEvPerChannel();
    double scale = target.gainEvPerChannel() / gs;
    int n = counts.length;
    for (int c = 0; c < channels; c++) {
      double x = source.channel(target.energyEv(c));
      if (x < -0.5 || x > n - 0.5) {
        continue;
      }
      int i = (int) Math.floor(x);
      double t = x - i;
      double v = 0;
      for (int k = -1; k <= 2; k++) {
        int j = Math.min(Math.max(i + k, 0), n - 1);
        v += counts[j] * keys(k - t);
      }
      out[c] = Math.max(0, v * scale);
    }
    return out;
  }

  /** Keys' cubic convolution kernel with a = -1/2. */
  private static double keys(double x) {
    double ax = Math.abs(x);
    if (ax < 1) {
      return 1.5 * ax * ax * ax - 2.5 * ax * ax + 1;
    }
    if (ax < 2) {
      return -0.5 * ax * ax * ax + 2.5 * ax * ax - 4 * ax + 2;
    }
    return 0;
  }

  /** The spectrum re-derived on the target axis (conditions and metadata kept). */
  public static Spectrum resample(Spectrum s, EnergyAxis target, int channels) {
    double rel = Math.abs(s.axis().gainEvPerChannel() / target.gainEvPerChannel() - 1);
    if (!(rel <= MAX_RELATIVE_GAIN_DIFFERENCE)) {
      throw new IllegalArgumentException(String.format(
          "channel width %.4g eV of '%s' differs from the target's %.4g eV by %.1f %%: more than"
              + " %.0f %% is not a calibration drift but another detector setting",
          s.axis().gainEvPerChannel(), s.title(), target.gainEvPerChannel(), 100 * rel,
          100 * MAX_RELATIVE_GAIN_DIFFERENCE));
    }
    return new Spectrum(rebin(s.counts(), s.axis(), target, channels), target, s.liveTimeS(),
        s.realTimeS(), s.beamEnergyKeV(), s.takeoffAngleDeg(), s.probeCurrentNa(), s.title(),
        s.metadata());
  }

  /** Do two spectra share their calibration (gain to 1e-4, offset to a tenth of a channel)? */
  public static boolean sameAxis(Spectrum a, Spectrum b) {
    double g = a.axis().gainEvPerChannel();
    return a.channels() == b.channels()
        && Math.abs(g - b.axis().gainEvPerChannel()) <= 1e-4 * g
        && Math.abs(a.axis().offsetEv() - b.axis().offsetEv()) <= 0.1 * g;
  }

  /** A short description of a spectrum's calibration, e.g. "9.9986 eV/ch, offset 1.6 eV, 2048 ch". */
  public static String describe(Spectrum s) {
    return String.format("%.5g eV/ch, offset %.1f eV, %d ch", s.axis().gainEvPerChannel(),
        s.axis().offsetEv(), s.channels());
  }
}
