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

  /**
   * The values of the blend {@code (1 - w) f + w g} from those of f and g over the same players
   * and background: the Shapley value is linear in the game, so every value, the base and the
   * prediction are the same weighted sums; additivity is checked again on the result.
   */
  public static ShapValues blend(ShapValues f, ShapValues g, double w) {
    if (!f.players().equals(g.players()) || f.values().length != g.values().length) {
      throw new IllegalArgumentException("blending Shapley values needs the same players and rows: "
          + f.players() + " x " + f.values().length + " vs " + g.players() + " x " + g.values().length);
    }
    int n = f.values().length;
    double[][] v = new double[n][];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = new double[f.players().size()];
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = (1 - w) * f.values()[i][j] + w * g.values()[i][j];
      }
      p[i] = (1 - w) * f.predictions()[i] + w * g.predictions()[i];
    }
    double base = (1 - w) * f.base() + w * g.base();
    double err = checkAdditivity(base, v, p);
    String method = f.method().startsWith("exact") && g.method().startsWith("exact")
        ? "exact-interventional" : f.method() + "+" + g.method();
    return new ShapValues(f.players(), base, v, p, method, err);
  }

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
