package io.alloyflow.prediction.shap;

import java.util.List;

/**
 * Shapley explanations of a batch of predictions.
 *
 * @param players player (feature group) names
 * @param base expected model output over the background set, E[f(z)]
 * @param values {@code [row][player]} Shapley values (target units)
 * @param predictions the model output f(x) of every row
 * @param method {@code exact-interventional} or {@code kernel-shap}
 * @param maxAdditivityError largest {@code |base + sum(values) - f(x)| / max(1, |f(x)|)} over rows
 */
public record ShapValues(
    List<String> players,
    double base,
    double[][] values,
    double[] predictions,
    String method,
    double maxAdditivityError) {

  /** Tolerance of the additivity check (relative). */
  public static final double ADDITIVITY_TOLERANCE = 1e-6;

  /** Mean absolute Shapley value per player (global importance). */
  public double[] meanAbs() {
    double[] m = new double[players.size()];
    for (double[] r : values) {
      for (int j = 0; j < m.length; j++) {
        m[j] += Math.abs(r[j]);
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= Math.max(1, values.length);
    }
    return m;
  }

  /**
   * Checks additivity of every row and fails naming the worst row when it is broken.
   *
   * @return the largest relative error
   */
  static double checkAdditivity(double base, double[][] values, double[] f) {
    double worst = 0;
    int worstRow = -1;
    for (int i = 0; i < f.length; i++) {
      double s = base;
      for (double v : values[i]) {
        s += v;
      }
      double err = Math.abs(s - f[i]) / Math.max(1.0, Math.abs(f[i]));
      if (err > worst) {
        worst = err;
        worstRow = i;
      }
    }
    if (worst > ADDITIVITY_TOLERANCE) {
      throw new IllegalStateException(
          "Shapley additivity broken at row " + worstRow + ": base + sum(SHAP) differs from the"
              + " prediction by " + worst + " (relative; tolerance " + ADDITIVITY_TOLERANCE + ")");
    }
    return worst;
  }
}
