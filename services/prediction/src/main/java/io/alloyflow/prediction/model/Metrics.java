package io.alloyflow.prediction.model;

/** Regression metrics. */
public final class Metrics {
  private Metrics() {}

  /** Mean absolute error. */
  public static double mae(double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.abs(y[i] - p[i]);
    }
    return s / y.length;
  }

  /** Root mean squared error. */
  public static double rmse(double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (y[i] - p[i]) * (y[i] - p[i]);
    }
    return Math.sqrt(s / y.length);
  }

  /** Coefficient of determination 1 - SS_res / SS_tot. */
  public static double r2(double[] y, double[] p) {
    double m = 0;
    for (double v : y) {
      m += v;
    }
    m /= y.length;
    double ssr = 0;
    double sst = 0;
    for (int i = 0; i < y.length; i++) {
      ssr += (y[i] - p[i]) * (y[i] - p[i]);
      sst += (y[i] - m) * (y[i] - m);
    }
    return 1 - ssr / sst;
  }

  /** Mean absolute percentage error (percent). */
  public static double mape(double[] y, double[] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.abs((y[i] - p[i]) / y[i]);
    }
    return 100 * s / y.length;
  }
}
