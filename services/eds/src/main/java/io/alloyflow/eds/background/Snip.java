package io.alloyflow.eds.background;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.eds.peaks.DetectorResolution;

/**
 * SNIP background estimation (Statistics-sensitive Non-linear Iterative Peak-clipping; Ryan,
 * Clayton, Griffin, Sie and Cousens, "SNIP, a statistics-sensitive background treatment for the
 * quantitative analysis of PIXE spectra in geoscience applications", Nucl. Instr. Meth. B 34
 * (1988) 396-402), with the LLS (log-log-square-root) transform v = ln(ln(sqrt(y+1)+1)+1) that
 * compresses the dynamic range before clipping, and a clipping window that grows with the
 * detector FWHM at each channel (window = {@code widthFactor} x FWHM). Iterations run with an
 * increasing window (Morhac et al., NIM A 401 (1997) 113), which follows curved continua better.
 */
public final class Snip {
  private Snip() {}

  /**
   * Background of a spectrum.
   *
   * @param counts the spectrum
   * @param axis energy axis
   * @param res detector resolution (sets the clipping window)
   * @param widthFactor clipping window in FWHM units (typically 1.5-2)
   * @return background, same length, never above the (smoothed) spectrum
   */
  public static double[] background(
      double[] counts, EnergyAxis axis, DetectorResolution res, double widthFactor) {
    int n = counts.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      // light 3-point smoothing reduces the downward bias of clipping on noisy data
      double y =
          (i > 0 && i < n - 1)
              ? 0.25 * counts[i - 1] + 0.5 * counts[i] + 0.25 * counts[i + 1]
              : counts[i];
      v[i] = Math.log(Math.log(Math.sqrt(y + 1) + 1) + 1);
    }
    int[] w = new int[n];
    int maxW = 1;
    for (int i = 0; i < n; i++) {
      double e = Math.max(axis.energyEv(i), 100);
      w[i] = Math.max(1, (int) Math.round(widthFactor * res.fwhmEv(e) / axis.gainEvPerChannel()));
      maxW = Math.max(maxW, w[i]);
    }
    double[] tmp = new double[n];
    for (int p = 1; p <= maxW; p++) {
      System.arraycopy(v, 0, tmp, 0, n);
      for (int i = p; i < n - p; i++) {
        if (p <= w[i]) {
          double m = 0.5 * (v[i - p] + v[i + p]);
          if (m < tmp[i]) {
            tmp[i] = m;
          }
        }
      }
      System.arraycopy(tmp, 0, v, 0, n);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double a = Math.exp(Math.exp(v[i]) - 1) - 1;
      out[i] = Math.max(0, a * a - 1);
    }
    return out;
  }

  /** Background with the default window of 1.5 FWHM. */
  public static double[] background(double[] counts, EnergyAxis axis, DetectorResolution res) {
    return background(counts, axis, res, 1.5);
  }
}
