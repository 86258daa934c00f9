package io.alloyflow.prediction.imagemodels;

/**
 * Standardisation of regression targets for network training: the networks learn (y - mean) / sd
 * and predictions are mapped back. The sample standard deviation (n - 1); a constant target gets
 * sd 1 so that nothing divides by zero.
 */
public record TargetScaling(double mean, double sd) {

  /** The mean and sample standard deviation of {@code y} (at least two values). */
  public static TargetScaling of(double[] y) {
    double m = 0;
    for (double v : y) {
      m += v / y.length;
    }
    double var = 0;
    for (double v : y) {
      var += (v - m) * (v - m) / (y.length - 1);
    }
    double sd = Math.sqrt(var);
    return new TargetScaling(m, sd > 0 ? sd : 1);
  }
}
