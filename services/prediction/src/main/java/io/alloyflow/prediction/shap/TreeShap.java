package io.alloyflow.prediction.shap;

import io.alloyflow.prediction.model.BoostedTrees;
import java.util.List;

/**
 * Exact interventional Shapley values of a boosted tree ensemble over a weighted background set,
 * by path traversal instead of coalition enumeration (interventional Tree SHAP: Lundberg et al.,
 * Nat. Mach. Intell. 2 (2020) 56-67, "independent" Tree SHAP), with players that are groups of
 * columns.
 *
 * <p>It computes the same game as {@link ExactShap}: {@code v(S) = sum_b w_b f(x_S, z_b,notS)}.
 * For one candidate x, one background row z and one tree, a row mixing x and z reaches a leaf
 * through nodes where x and z go the same way (no condition) or different ways: there the path
 * of x needs the node's player in S, the path of z needs it outside S. Each reachable leaf with
 * value {@code l} thus contributes {@code l 1[I subset S, S disjoint E]} to the game, for the
 * player sets I (needed in) and E (needed out) of its path. The Shapley value of that unanimity
 * -like game is {@code l (|I|-1)! |E|! / (|I|+|E|)!} for each player of I, {@code -l |I|! (|E|-1)!
 * / (|I|+|E|)!} for each player of E and 0 for the others; by linearity the values of the whole
 * game are their sum over leaves, trees and weighted background rows. Trees in which x and z
 * reach the same leaf contribute nothing (their paths never part) and are skipped. Cost: at most
 * one traversal per (candidate, background row, tree), bounded by the tree's leaves, whatever the
 * number of players; results equal {@link ExactShap}'s on the same trees up to rounding (tested).
 */
public final class TreeShap {
  private TreeShap() {}

  /**
   * Explains every row of {@code x}.
   *
   * @param trees the tree ensemble
   * @param x rows to explain (raw features)
   * @param background background rows
   * @param weights background weights (summing to one), or null for uniform
   * @param players column indices of each player (together covering every column once; at most 62)
   * @param names player names
   */
  public static ShapValues explain(
      BoostedTrees trees, double[][] x, double[][] background, double[] weights, int[][] players,
      List<String> names) {
    int m = players.length;
    if (m > 62) {
      throw new IllegalArgumentException("tree Shapley values take at most 62 players, found " + m);
    }
    int d = trees.inputs();
    int nb = background.length;
    double[] w = Background.normalisedWeights(weights, nb);
    int[] playerOf = ExactShap.playerOfColumn(players, d);
    // coefficient[a][b] = (a-1)! b! / (a+b)! for a >= 1 (a player of I when |I| = a, |E| = b)
    double[][] coef = new double[m + 1][m + 1];
    for (int a = 1; a <= m; a++) {
      for (int b = 0; a + b <= m; b++) {
        coef[a][b] = Math.exp(ExactShap.logFact(a - 1) + ExactShap.logFact(b) - ExactShap.logFact(a + b));
      }
    }
    double[] fz = trees.predict(background);
    double base = 0;
    for (int b = 0; b < nb; b++) {
      base += w[b] * fz[b];
    }
    float[][] zs = new float[nb][];
    int[] roots = trees.roots();
    int[][] zLeaf = new int[nb][];
    Walk zWalk = new Walk(trees, playerOf, coef, m);
    for (int b = 0; b < nb; b++) {
      zs[b] = trees.standardise(background[b]);
      zLeaf[b] = zWalk.leaves(zs[b], roots);
    }
    double[][] out = new double[x.length][m];
    double scale = trees.targetScale();
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, the trees expect " + d);
      }
    }
    // candidates are independent: chunks run on the common pool, each row written by one thread
    // in a fixed order, so the values do not depend on the thread count
    int chunk = 256;
    java.util.stream.IntStream.range(0, (x.length + chunk - 1) / chunk).parallel().forEach(c -> {
      Walk walk = new Walk(trees, playerOf, coef, m);
      for (int i = c * chunk; i < Math.min(x.length, (c + 1) * chunk); i++) {
        walk.xs = trees.standardise(x[i]);
        walk.phi = out[i];
        int[] xLeaf = walk.leaves(walk.xs, roots);
        for (int b = 0; b < nb; b++) {
          walk.zs = zs[b];
          walk.weight = w[b] * scale;
          for (int t = 0; t < roots.length; t++) {
            // x and z in the same leaf never part ways in that tree: no mixed path, no value
            if (xLeaf[t] != zLeaf[b][t]) {
              walk.visit(roots[t], 0L, 0L);
            }
          }
        }
      }
    });
    double[] direct = trees.predict(x);
    double err = ShapValues.checkAdditivity(base, out, direct);
    return new ShapValues(names, base, out, direct, "exact-interventional-tree", err);
  }

  /** One traversal's state (reused across candidates and background rows). */
  private static final class Walk {
    final int[] left;
    final int[] right;
    final int[] feature;
    final float[] value;
    final int[] playerOf;
    final double[][] coef;
    final int m;
    float[] xs;
    float[] zs;
    double weight;
    double[] phi;

    Walk(BoostedTrees t, int[] playerOf, double[][] coef, int m) {
      this.left = t.left();
      this.right = t.right();
      this.feature = t.feature();
      this.value = t.value();
      this.playerOf = playerOf;
      this.coef = coef;
      this.m = m;
    }

    /** The leaf a standardised row reaches in each tree. */
    int[] leaves(float[] row, int[] roots) {
      int[] o = new int[roots.length];
      for (int t = 0; t < roots.length; t++) {
        int k = roots[t];
        while (left[k] >= 0) {
          k = row[feature[k]] < value[k] ? left[k] : right[k];
        }
        o[t] = k;
      }
      return o;
    }

    void visit(int k, long in, long out) {
      while (left[k] >= 0) {
        int j = feature[k];
        int xc = xs[j] < value[k] ? left[k] : right[k];
        int zc = zs[j] < value[k] ? left[k] : right[k];
        if (xc == zc) {
          k = xc;
          continue;
        }
        long bit = 1L << playerOf[j];
        if ((in & bit) != 0) {
          k = xc;
        } else if ((out & bit) != 0) {
          k = zc;
        } else {
          visit(zc, in, out | bit);
          k = xc;
          in |= bit;
        }
      }
      if ((in | out) == 0) {
        return;
      }
      int a = Long.bitCount(in);
      int b = Long.bitCount(out);
      double v = weight * value[k];
      if (a > 0) {
        double c = v * coef[a][b];
        for (long s = in; s != 0; s &= s - 1) {
          phi[Long.numberOfTrailingZeros(s)] += c;
        }
      }
      if (b > 0) {
        double c = -v * coef[b][a];
        for (long s = out; s != 0; s &= s - 1) {
          phi[Long.numberOfTrailingZeros(s)] += c;
        }
      }
    }
  }
}
