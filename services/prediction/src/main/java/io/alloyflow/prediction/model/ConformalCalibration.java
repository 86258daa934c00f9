package io.alloyflow.prediction.model;

import java.util.Arrays;

/**
 * Normalised split-conformal intervals (Papadopoulos et al. 2002; Lei et al., JASA 113 (2018)
 * 1094) calibrated on cross-validation residuals: the score of an out-of-fold prediction is
 * {@code |y - mean| / (std + s0)}, where std is the ensemble spread and s0 the median spread (so a
 * member-disagreement of zero still gets a finite interval); the interval at level 1 - alpha is
 * {@code mean +/- q (std + s0)} with q the {@code ceil((n + 1)(1 - alpha))}-th smallest score.
 *
 * @param s0 spread offset (target units)
 * @param q68 score quantile at 68.27 %
 * @param q95 score quantile at 95 %
 * @param n number of calibration residuals
 */
public record ConformalCalibration(double s0, double q68, double q95, int n) {

  /** Nominal level of the one-sigma interval. */
  public static final double LEVEL_68 = 0.6827;

  /** Nominal level of the 95 % interval. */
  public static final double LEVEL_95 = 0.95;

  /** Calibrates on out-of-fold targets, means and ensemble spreads. */
  public static ConformalCalibration fit(double[] y, double[] mean, double[] std) {
    double[] s = std.clone();
    Arrays.sort(s);
    double s0 = Math.max(1e-9, s[s.length / 2]);
    double[] sc = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      sc[i] = Math.abs(y[i] - mean[i]) / (std[i] + s0);
    }
    Arrays.sort(sc);
    return new ConformalCalibration(s0, quantile(sc, LEVEL_68), quantile(sc, LEVEL_95), y.length);
  }

  static double quantile(double[] sortedScores, double level) {
    int n = sortedScores.length;
    int k = (int) Math.ceil((n + 1) * level);
    return sortedScores[Math.min(n, Math.max(1, k)) - 1];
  }

  /** Calibrated one-standard-deviation uncertainty (half-width of the 68 % interval). */
  public double sigma(double std) {
    return q68 * (std + s0);
  }

  /** Half-width of the 95 % interval. */
  public double halfWidth95(double std) {
    return q95 * (std + s0);
  }
}
