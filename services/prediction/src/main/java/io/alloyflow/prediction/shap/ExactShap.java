package io.alloyflow.prediction.shap;

import io.alloyflow.prediction.model.FlatBatchModel;
import java.util.List;

/**
 * Exact interventional Shapley values (Lundberg and Lee, NeurIPS 2017; Janzing, Minorics and
 * Bloebaum, AISTATS 2020) over a weighted background set: the value of a coalition S of players is
 * {@code v(S) = sum_b w_b f(x_S, z_b,notS)}, and {@code phi_j = sum_{S not containing j} |S|!(M-|S|-1)!/M!
 * (v(S u j) - v(S))} over all {@code 2^M} coalitions (Shapley 1953). Players are groups of feature
 * columns (a one-hot block is one player). Cost: {@code n 2^M B} model evaluations, batched; meant
 * for M up to about 16 (beyond that use {@link KernelShap}).
 */
public final class ExactShap {
  /** Largest number of players accepted. */
  public static final int MAX_PLAYERS = 16;

  private ExactShap() {}

  /**
   * Explains every row of {@code x}.
   *
   * @param model the model
   * @param x rows to explain (raw features)
   * @param background background rows
   * @param weights background weights (summing to one), or null for uniform
   * @param players column indices of each player (together covering every column once)
   * @param names player names
   */
  public static ShapValues explain(
      FlatBatchModel model, double[][] x, double[][] background, double[] weights,
      int[][] players, List<String> names) {
    int m = players.length;
    if (m > MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "exact Shapley values need at most " + MAX_PLAYERS + " players, found " + m + " (use KernelShap)");
    }
    int d = background[0].length;
    int nb = background.length;
    double[] w = Background.normalisedWeights(weights, nb);
    int coalitions = 1 << m;
    int rowsPerCandidate = coalitions * nb;
    int perChunk = Math.max(1, (1 << 18) / rowsPerCandidate);
    double[] shapleyWeight = new double[m];
    for (int s = 0; s < m; s++) {
      shapleyWeight[s] = Math.exp(logFact(s) + logFact(m - s - 1) - logFact(m));
    }
    double[][] out = new double[x.length][m];
    double[] f = new double[x.length];
    double[] baseValues = new double[x.length];
    double[] buf = new double[Math.min(perChunk, x.length) * rowsPerCandidate * d];
    int[] playerOf = new int[d];
    java.util.Arrays.fill(playerOf, -1);
    for (int p = 0; p < m; p++) {
      for (int c : players[p]) {
        if (playerOf[c] >= 0) {
          throw new IllegalArgumentException("column " + c + " belongs to two players");
        }
        playerOf[c] = p;
      }
    }
    for (int c = 0; c < d; c++) {
      if (playerOf[c] < 0) {
        throw new IllegalArgumentException("column " + c + " belongs to no player");
      }
    }
    for (int start = 0; start < x.length; start += perChunk) {
      int len = Math.min(perChunk, x.length - start);
      int r = 0;
      for (int i = 0; i < len; i++) {
        double[] xi = x[start + i];
        for (int mask = 0; mask < coalitions; mask++) {
          for (int b = 0; b < nb; b++) {
            double[] z = background[b];
            int off = r * d;
            for (int c = 0; c < d; c++) {
              buf[off + c] = ((mask >> playerOf[c]) & 1) != 0 ? xi[c] : z[c];
            }
            r++;
          }
        }
      }
      double[] pred = model.predictFlat(buf, r, d);
      double[] v = new double[coalitions];
      for (int i = 0; i < len; i++) {
        int o = i * rowsPerCandidate;
        for (int mask = 0; mask < coalitions; mask++) {
          double s = 0;
          for (int b = 0; b < nb; b++) {
            s += w[b] * pred[o + mask * nb + b];
          }
          v[mask] = s;
        }
        double[] phi = out[start + i];
        for (int mask = 0; mask < coalitions; mask++) {
          int size = Integer.bitCount(mask);
          for (int j = 0; j < m; j++) {
            if (((mask >> j) & 1) == 0) {
              phi[j] += shapleyWeight[size] * (v[mask | (1 << j)] - v[mask]);
            }
          }
        }
        baseValues[start + i] = v[0];
        f[start + i] = v[coalitions - 1];
      }
    }
    double base = baseValues.length == 0 ? 0 : baseValues[0];
    // the empty coalition is the same background average for every row; rows were evaluated in
    // different batches, so fold any rounding difference into the check below
    double[] direct = model.predict(x);
    double err = ShapValues.checkAdditivity(base, out, direct);
    return new ShapValues(names, base, out, direct, "exact-interventional", err);
  }

  static double logFact(int k) {
    double s = 0;
    for (int i = 2; i <= k; i++) {
      s += Math.log(i);
    }
    return s;
  }
}
