package io.alloyflow.eds.peaks;

import io.alloyflow.core.spectrum.EnergyAxis;

/**
 * Variable-width zero-sum top-hat digital filter (Schamber, "A modification of the linear
 * least-squares fitting method which provides continuum suppression", in X-ray Fluorescence
 * Analysis of Environmental Samples, Ann Arbor Science 1977, 241-257; Statham, Anal. Chem. 49
 * (1977) 2149). At channel i the kernel is +1/(2m+1) over the 2m+1 central channels and -1/(2m)
 * over m channels on each side, with 2m+1 close to the detector FWHM at that energy, so that
 * any locally linear background filters to zero.
 */
public final class TopHatFilter {
  private final int[] halfWidth;

  /** Builds the filter for an axis, a channel count and a detector resolution. */
  public TopHatFilter(EnergyAxis axis, int channels, DetectorResolution res) {
    halfWidth = new int[channels];
    for (int i = 0; i < channels; i++) {
      double e = Math.max(axis.energyEv(i), 100.0);
      double fwhmCh = res.fwhmEv(e) / axis.gainEvPerChannel();
      halfWidth[i] = Math.max(1, (int) Math.round((fwhmCh - 1) / 2.0));
    }
  }

  /** Half width m of the central lobe at a channel. */
  public int halfWidth(int channel) {
    return halfWidth[channel];
  }

  /** Filters a spectrum; channels whose kernel leaves the spectrum are zero. */
  public double[] apply(double[] s) {
    int n = s.length;
    double[] out = new double[n];
    double[] cum = new double[n + 1];
    for (int i = 0; i < n; i++) {
      cum[i + 1] = cum[i] + s[i];
    }
    for (int i = 0; i < n; i++) {
      int m = halfWidth[i];
      if (i - 2 * m < 0 || i + 2 * m >= n) {
        continue;
      }
      double centre = cum[i + m + 1] - cum[i - m];
      double sides = (cum[i - m] - cum[i - 2 * m]) + (cum[i + 2 * m + 1] - cum[i + m + 1]);
      out[i] = centre / (2 * m + 1) - sides / (2.0 * m);
    }
    return out;
  }

  /**
   * Variance of the filtered spectrum under Poisson statistics (diagonal, channels treated as
   * independent): sum of squared kernel weights times counts (counts floored at 1).
   */
  public double[] variance(double[] s) {
    int n = s.length;
    double[] out = new double[n];
    double[] cum = new double[n + 1];
    for (int i = 0; i < n; i++) {
      cum[i + 1] = cum[i] + Math.max(s[i], 1.0);
    }
    for (int i = 0; i < n; i++) {
      int m = halfWidth[i];
      if (i - 2 * m < 0 || i + 2 * m >= n) {
        out[i] = Double.POSITIVE_INFINITY;
        continue;
      }
      double c = 2.0 * m + 1;
      double centre = cum[i + m + 1] - cum[i - m];
      double sides = (cum[i - m] - cum[i - 2 * m]) + (cum[i + 2 * m + 1] - cum[i + m + 1]);
      out[i] = centre / (c * c) + sides / (4.0 * m * m);
    }
    return out;
  }
}
