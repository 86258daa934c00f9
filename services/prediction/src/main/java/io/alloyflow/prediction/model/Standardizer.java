package io.alloyflow.prediction.model;

/**
 * Per-column affine scaling to zero mean and unit variance, fitted on training rows only.
 *
 * @param mean column means
 * @param scale column standard deviations (1 where a column is constant)
 */
public record Standardizer(double[] mean, double[] scale) {
  public Standardizer {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException(
          "standardizer: " + mean.length + " means but " + scale.length + " scales");
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Fits on the rows of {@code x}. */
  public static Standardizer fit(double[][] x) {
    int d = x[0].length;
    double[] m = new double[d];
    double[] s = new double[d];
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        m[j] += r[j];
      }
    }
    for (int j = 0; j < d; j++) {
      m[j] /= x.length;
    }
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        s[j] += (r[j] - m[j]) * (r[j] - m[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      s[j] = Math.sqrt(s[j] / Math.max(1, x.length - 1));
      if (!(s[j] > 1e-12)) {
        s[j] = 1.0;
      }
    }
    return new Standardizer(m, s);
  }

  /** Scaled copy of one row. */
  public double[] apply(double[] row) {
    double[] o = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      o[j] = (row[j] - mean[j]) / scale[j];
    }
    return o;
  }

  /** Scaled copy of every row. */
  public double[][] apply(double[][] x) {
    double[][] o = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      o[i] = apply(x[i]);
    }
    return o;
  }
}
