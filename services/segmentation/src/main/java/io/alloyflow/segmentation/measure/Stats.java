package io.alloyflow.segmentation.measure;

import java.util.Arrays;

/**
 * Small statistics helpers: mean, sample standard deviation, quantiles and the two-sided 95 %
 * Student t quantile (values from Fisher R.A. and Yates F., 1963, "Statistical Tables for
 * Biological, Agricultural and Medical Research", Table III, as used by ASTM E112 Table 7 and E562
 * Table 1).
 */
public final class Stats {
  private Stats() {}

  private static final double[] T975 = {
    Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
    2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  /** Two-sided 95 % t quantile for df degrees of freedom (NaN for df < 1). */
  public static double t975(int df) {
    if (df < 1) {
      return Double.NaN;
    }
    if (df < T975.length) {
      return T975[df];
    }
    if (df <= 40) {
      return 2.021;
    }
    if (df <= 60) {
      return 2.000;
    }
    if (df <= 120) {
      return 1.980;
    }
    return 1.960;
  }

  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /** Sample standard deviation (n-1); NaN for fewer than 2 values. */
  public static double sd(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  /** Linear-interpolated quantile q in [0,1] (type 7, as numpy's default). */
  public static double quantile(double[] v, double q) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  /** Summary of a distribution. */
  public record Summary(
      int count, double mean, double sd, double min, double d10, double d50, double d90, double max) {
    public static Summary of(double[] v) {
      if (v.length == 0) {
        return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);
      }
      return new Summary(
          v.length,
          Stats.mean(v),
          Stats.sd(v),
          quantile(v, 0),
          quantile(v, 0.1),
          quantile(v, 0.5),
          quantile(v, 0.9),
          quantile(v, 1));
    }
  }
}
