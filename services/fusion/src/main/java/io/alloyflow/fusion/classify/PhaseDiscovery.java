package io.alloyflow.fusion.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Unsupervised phase discovery: k-means with k-means++ seeding (Arthur and Vassilvitskii, SODA
 * 2007; best of several restarts by within-cluster sum of squares) on standardised feature rows,
 * then every cluster is named after the library phase whose composition is closest (cosine
 * similarity over the mapped elements) to the cluster's mean apparent composition, i.e. its mean
 * element net-count fractions renormalised to sum 1. Net-count fractions are not quantified mass
 * fractions (no matrix correction, no detector efficiency), so names are given only above a
 * similarity threshold; other clusters stay "unknown-k".
 */
public final class PhaseDiscovery {

  private PhaseDiscovery() {}

  /**
   * Result.
   *
   * @param assignment cluster per row
   * @param centroids standardised centroids
   * @param names library name (or unknown-k) per cluster
   * @param similarity cosine similarity of each cluster to its named phase
   * @param apparentComposition per cluster, element to renormalised net-count fraction
   */
  public record Result(int[] assignment, double[][] centroids, List<String> names,
      double[] similarity, List<Map<String, Double>> apparentComposition, double[] mean,
      double[] sd) {

    /** Nearest centroid of new rows (standardised like the clustered rows). */
    public int[] assign(float[] x, int m) {
      int n = x.length / m;
      int[] out = new int[n];
      for (int r = 0; r < n; r++) {
        double bd = Double.POSITIVE_INFINITY;
        for (int j = 0; j < centroids.length; j++) {
          double d = 0;
          for (int f = 0; f < m; f++) {
            double u = (x[r * m + f] - mean[f]) / sd[f] - centroids[j][f];
            d += u * u;
          }
          if (d < bd) {
            bd = d;
            out[r] = j;
          }
        }
      }
      return out;
    }
  }

  /**
   * Clusters the rows and names the clusters.
   *
   * @param x rows {@code [row * m + f]}
   * @param m features per row
   * @param k clusters
   * @param elementFeature index of each element's net-count fraction feature in a row
   * @param elements element symbols (same order as elementFeature)
   * @param library phase name to element mass fractions
   * @param minSimilarity least cosine similarity for a name
   */
  public static Result discover(float[] x, int m, int k, int[] elementFeature,
      List<String> elements, Map<String, Map<String, Double>> library, double minSimilarity,
      long seed) {
    int n = x.length / m;
    if (n < k) {
      throw new IllegalArgumentException("need at least " + k + " rows, found " + n);
    }
    PixelClassifier.Standardiser st = new PixelClassifier.Standardiser(x, m);
    double[][] z = new double[n][];
    for (int r = 0; r < n; r++) {
      z[r] = st.row(x, r, m);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] best = null;
    double[][] bestC = null;
    double bestW = Double.POSITIVE_INFINITY;
    for (int restart = 0; restart < 4; restart++) {
      double[][] c = seedPlusPlus(z, k, rng);
      int[] a = new int[n];
      double wss = 0;
      for (int it = 0; it < 100; it++) {
        boolean changed = false;
        wss = 0;
        for (int r = 0; r < n; r++) {
          int bi = 0;
          double bd = Double.POSITIVE_INFINITY;
          for (int j = 0; j < k; j++) {
            double d = dist2(z[r], c[j]);
            if (d < bd) {
              bd = d;
              bi = j;
            }
          }
          if (a[r] != bi || it == 0) {
            changed |= a[r] != bi;
            a[r] = bi;
          }
          wss += bd;
        }
        double[][] nc = new double[k][m];
        int[] cnt = new int[k];
        for (int r = 0; r < n; r++) {
          cnt[a[r]]++;
          for (int f = 0; f < m; f++) {
            nc[a[r]][f] += z[r][f];
          }
        }
        for (int j = 0; j < k; j++) {
          if (cnt[j] == 0) {
            nc[j] = z[rng.nextInt(n)].clone();
          } else {
            for (int f = 0; f < m; f++) {
              nc[j][f] /= cnt[j];
            }
          }
        }
        c = nc;
        if (!changed && it > 0) {
          break;
        }
      }
      if (wss < bestW) {
        bestW = wss;
        best = a.clone();
        bestC = c;
      }
    }
    // name clusters by the raw (unstandardised) mean element fractions
    List<String> names = new ArrayList<>();
    List<Map<String, Double>> comps = new ArrayList<>();
    double[] sims = new double[k];
    for (int j = 0; j < k; j++) {
      double[] mean = new double[elements.size()];
      int cnt = 0;
      for (int r = 0; r < n; r++) {
        if (best[r] == j) {
          cnt++;
          for (int e = 0; e < mean.length; e++) {
            mean[e] += x[r * m + elementFeature[e]];
          }
        }
      }
      double s = 0;
      for (int e = 0; e < mean.length; e++) {
        mean[e] = Math.max(0, cnt > 0 ? mean[e] / cnt : 0);
        s += mean[e];
      }
      Map<String, Double> comp = new java.util.LinkedHashMap<>();
      for (int e = 0; e < mean.length; e++) {
        mean[e] = s > 0 ? mean[e] / s : 0;
        comp.put(elements.get(e), mean[e]);
      }
      comps.add(comp);
      String bestName = "unknown-" + j;
      double bestSim = Double.NEGATIVE_INFINITY;
      for (Map.Entry<String, Map<String, Double>> ph : library.entrySet()) {
        double[] v = new double[mean.length];
        for (int e = 0; e < mean.length; e++) {
          v[e] = ph.getValue().getOrDefault(elements.get(e), 0.0);
        }
        double sim = cosine(mean, v);
        if (sim > bestSim) {
          bestSim = sim;
          bestName = ph.getKey();
        }
      }
      sims[j] = bestSim;
      names.add(bestSim >= minSimilarity ? bestName : "unknown-" + j);
    }
    return new Result(best, bestC, names, sims, comps, st.mean, st.sd);
  }

  private static double[][] seedPlusPlus(double[][] z, int k, SplittableRandom rng) {
    int n = z.length;
    double[][] c = new double[k][];
    c[0] = z[rng.nextInt(n)].clone();
    double[] d = new double[n];
    java.util.Arrays.fill(d, Double.POSITIVE_INFINITY);
    for (int j = 1; j < k; j++) {
      double sum = 0;
      for (int r = 0; r < n; r++) {
        d[r] = Math.min(d[r], dist2(z[r], c[j - 1]));
        sum += d[r];
      }
      double u = rng.nextDouble() * sum;
      int pick = n - 1;
      for (int r = 0; r < n; r++) {
        u -= d[r];
        if (u <= 0) {
          pick = r;
          break;
        }
      }
      c[j] = z[pick].clone();
    }
    return c;
  }

  private static double dist2(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
  }
}
