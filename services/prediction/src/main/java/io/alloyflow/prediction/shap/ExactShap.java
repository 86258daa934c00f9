package io.alloyflow.prediction.shap;

import io.alloyflow.prediction.model.FlatBatchModel;
import java.util.List;

/**
 * Exact interventional Shapley values (Lundberg and Lee, NeurIPS 2017; Janzing, Minorics and
 * Bloebaum, AISTATS 2020) over a weighted background set: the value of a coalition S of players is
 * {@code v(S) = sum_b w_b f(x_S, z_b,notS)}, and {@code phi_j = sum_{S not containing j} |S|!(M-|S|-1)!/M!
 * (v(S u j) - v(S))} over all {@code 2^M} coalitions (Shapley 1953). Players are groups of feature
 * columns (a one-hot block is one player). Per background row, players whose values equal the
 * candidate's are null players of that row's game and get exactly zero there, so only the
 * {@code 2^k} coalitions of the k differing players are evaluated and {@code phi = sum_b w_b
 * phi_b} (linearity of the Shapley value in the game). The empty coalition's value {@code f(z_b)}
 * is shared by all candidates and the full one's {@code f(x)} by all background rows, so each is
 * evaluated once. Cost: at most {@code n (1 + (2^M - 2) B) + B} model evaluations, batched; meant for M up to about 16 (beyond that use {@link KernelShap}).
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
    playerOfColumn(players, d);
    double[][] shapleyWeight = new double[m + 1][];
    for (int k = 1; k <= m; k++) {
      shapleyWeight[k] = new double[k];
      for (int s = 0; s < k; s++) {
        shapleyWeight[k][s] = Math.exp(logFact(s) + logFact(k - s - 1) - logFact(k));
      }
    }
    double[][] out = new double[x.length][m];
    // v_b(empty) = f(z_b) is the same for every candidate and v_b(all) = f(x) the same for every
    // background row: both are evaluated once, only the 2^k - 2 mixed coalitions per row
    double[] bgFlat = new double[nb * d];
    for (int b = 0; b < nb; b++) {
      System.arraycopy(background[b], 0, bgFlat, b * d, d);
    }
    double[] fz = model.predictFlat(bgFlat, nb, d);
    double base0 = 0;
    for (int b = 0; b < nb; b++) {
      base0 += w[b] * fz[b];
    }
    int maxRows = 1 << 18;
    double[] buf = new double[Math.max(1 + (nb << m), maxRows) * d];
    int start = 0;
    while (start < x.length) {
      // a chunk of candidates whose hybrid rows fit the buffer; per background row only the
      // players whose values differ from the candidate's are enumerated (the others are null
      // players of that background row's game: their Shapley value there is exactly 0)
      List<int[][]> chunkActive = new java.util.ArrayList<>();
      int rows = 0;
      int end = start;
      while (end < x.length) {
        int need = 1;
        int[][] act = new int[nb][];
        for (int b = 0; b < nb; b++) {
          act[b] = activePlayers(x[end], background[b], players);
          need += act[b].length == 0 ? 0 : (1 << act[b].length) - 2;
        }
        if (rows > 0 && rows + need > Math.max(maxRows, 1 + (nb << m))) {
          break;
        }
        int r0 = rows;
        System.arraycopy(x[end], 0, buf, r0 * d, d);
        r0++;
        for (int b = 0; b < nb; b++) {
          int k = act[b].length;
          for (int sub = 1; sub < (1 << k) - 1; sub++) {
            int off = (r0 + sub - 1) * d;
            System.arraycopy(background[b], 0, buf, off, d);
            for (int a = 0; a < k; a++) {
              if (((sub >> a) & 1) != 0) {
                for (int c : players[act[b][a]]) {
                  buf[off + c] = x[end][c];
                }
              }
            }
          }
          r0 += k == 0 ? 0 : (1 << k) - 2;
        }
        rows += need;
        chunkActive.add(act);
        end++;
      }
      double[] pred = model.predictFlat(buf, rows, d);
      int r = 0;
      for (int i = start; i < end; i++) {
        int[][] act = chunkActive.get(i - start);
        double[] phi = out[i];
        double fx = pred[r++];
        for (int b = 0; b < nb; b++) {
          int k = act[b].length;
          if (k == 0) {
            continue;
          }
          int full = (1 << k) - 1;
          double[] v = new double[full + 1];
          v[0] = fz[b];
          v[full] = fx;
          System.arraycopy(pred, r, v, 1, full - 1);
          for (int sub = 0; sub < full; sub++) {
            int bits = Integer.bitCount(sub);
            for (int a = 0; a < k; a++) {
              if (((sub >> a) & 1) == 0) {
                phi[act[b][a]] += w[b] * shapleyWeight[k][bits] * (v[sub | (1 << a)] - v[sub]);
              }
            }
          }
          r += full - 1;
        }
      }
      start = end;
    }
    double b0 = base0;
    // additivity is checked against f(x) evaluated separately, row by row in its own batch
    double[] direct = model.predict(x);
    double err = ShapValues.checkAdditivity(b0, out, direct);
    return new ShapValues(names, b0, out, direct, "exact-interventional", err);
  }

  /**
   * The player of each of {@code d} columns, failing when a column is outside the rows, in two
   * players or in none.
   */
  static int[] playerOfColumn(int[][] players, int d) {
    int[] playerOf = new int[d];
    java.util.Arrays.fill(playerOf, -1);
    for (int p = 0; p < players.length; p++) {
      for (int c : players[p]) {
        if (c < 0 || c >= d) {
          throw new IllegalArgumentException("column " + c + " of player " + p + " is outside the " + d + " columns");
        }
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
    return playerOf;
  }

  /** Players whose columns differ between a candidate and a background row. */
  static int[] activePlayers(double[] x, double[] z, int[][] players) {
    int[] tmp = new int[players.length];
    int k = 0;
    for (int p = 0; p < players.length; p++) {
      for (int c : players[p]) {
        if (Double.compare(x[c], z[c]) != 0) {
          tmp[k++] = p;
          break;
        }
      }
    }
    return java.util.Arrays.copyOf(tmp, k);
  }

  static double logFact(int k) {
    double s = 0;
    for (int i = 2; i <= k; i++) {
      s += Math.log(i);
    }
    return s;
  }
}
