package io.alloyflow.prediction.shap;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A background set for interventional Shapley values summarised from the training rows: k-means
 * (Lloyd 1982, k-means++ seeding of Arthur and Vassilvitskii 2007) on standardised columns, each
 * cluster represented by its medoid (a real training row, so one-hot blocks stay valid) weighted
 * by the cluster's share of rows, as the SHAP package summarises backgrounds.
 *
 * @param rows the representative rows (raw features)
 * @param weights their weights, summing to one
 */
public record Background(double[][] rows, double[] weights) {
  public Background {
    if (rows.length == 0 || rows.length != weights.length) {
      throw new IllegalArgumentException(
          "a background needs >= 1 row and one weight per row, found " + rows.length + " rows and "
              + weights.length + " weights");
    }
  }

  /** Summarises {@code x} into at most {@code k} weighted medoids. */
  public static Background summarise(double[][] x, int k, long seed) {
    int n = x.length;
    int d = x[0].length;
    k = Math.min(k, n);
    double[] mu = new double[d];
    double[] sd = new double[d];
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        mu[j] += r[j] / n;
      }
    }
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        sd[j] += (r[j] - mu[j]) * (r[j] - mu[j]) / n;
      }
    }
    double[][] z = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = (x[i][j] - mu[j]) / (sd[j] > 0 ? Math.sqrt(sd[j]) : 1);
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] c = new double[k][];
    c[0] = z[rnd.nextInt(n)].clone();
    double[] dist = new double[n];
    for (int m = 1; m < k; m++) {
      double tot = 0;
      for (int i = 0; i < n; i++) {
        double best = Double.MAX_VALUE;
        for (int q = 0; q < m; q++) {
          best = Math.min(best, d2(z[i], c[q]));
        }
        dist[i] = best;
        tot += best;
      }
      double u = rnd.nextDouble() * tot;
      int pick = n - 1;
      for (int i = 0; i < n; i++) {
        u -= dist[i];
        if (u <= 0) {
          pick = i;
          break;
        }
      }
      c[m] = z[pick].clone();
    }
    int[] assign = new int[n];
    for (int it = 0; it < 50; it++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int q = 1; q < k; q++) {
          if (d2(z[i], c[q]) < d2(z[i], c[best])) {
            best = q;
          }
        }
        if (best != assign[i] || it == 0) {
          changed |= best != assign[i];
          assign[i] = best;
        }
      }
      double[][] nc = new double[k][d];
      int[] cnt = new int[k];
      for (int i = 0; i < n; i++) {
        cnt[assign[i]]++;
        for (int j = 0; j < d; j++) {
          nc[assign[i]][j] += z[i][j];
        }
      }
      for (int q = 0; q < k; q++) {
        if (cnt[q] > 0) {
          for (int j = 0; j < d; j++) {
            nc[q][j] /= cnt[q];
          }
          c[q] = nc[q];
        }
      }
      if (!changed && it > 0) {
        break;
      }
    }
    int[] cnt = new int[k];
    int[] medoid = new int[k];
    double[] bestD = new double[k];
    Arrays.fill(bestD, Double.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int q = assign[i];
      cnt[q]++;
      double dd = d2(z[i], c[q]);
      if (dd < bestD[q]) {
        bestD[q] = dd;
        medoid[q] = i;
      }
    }
    int used = 0;
    for (int q = 0; q < k; q++) {
      if (cnt[q] > 0) {
        used++;
      }
    }
    double[][] rows = new double[used][];
    double[] w = new double[used];
    int o = 0;
    for (int q = 0; q < k; q++) {
      if (cnt[q] > 0) {
        rows[o] = x[medoid[q]].clone();
        w[o] = (double) cnt[q] / n;
        o++;
      }
    }
    return new Background(rows, w);
  }

  private static double d2(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }

  static double[] normalisedWeights(double[] w, int n) {
    double[] o = new double[n];
    if (w == null) {
      Arrays.fill(o, 1.0 / n);
      return o;
    }
    double s = 0;
    for (double v : w) {
      s += v;
    }
    for (int i = 0; i < n; i++) {
      o[i] = w[i] / s;
    }
    return o;
  }
}
