package io.alloyflow.segmentation.classical;

import io.alloyflow.segmentation.filters.Filters;
import java.util.SplittableRandom;

/**
 * k-means clustering of pixels on intensity, optionally with local features (Gaussian-smoothed
 * intensity and local standard deviation), each feature standardised to unit variance.
 *
 * <p>Lloyd S.P., 1982, "Least squares quantization in PCM", IEEE Transactions on Information
 * Theory 28(2):129-137; seeding by k-means++ (Arthur D. and Vassilvitskii S., 2007, "k-means++:
 * the advantages of careful seeding", Proc. 18th ACM-SIAM SODA, 1027-1035). Clusters are
 * relabelled by increasing mean intensity so class 0 is the darkest; the result is deterministic
 * for a given seed.
 */
public final class KMeans {
  private KMeans() {}

  /** Result: class per pixel and cluster centres in the original (unstandardised) first feature. */
  public record Result(int[] labels, double[] centerIntensity, int iterations) {}

  /**
   * Clusters the image.
   *
   * @param px pixels
   * @param w width
   * @param h height
   * @param k number of clusters (>= 2)
   * @param localFeatures add smoothed intensity and local standard deviation (sigma 2 px)
   * @param seed random seed for the k-means++ seeding and sampling
   */
  public static Result segment(float[] px, int w, int h, int k, boolean localFeatures, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("k-means needs k >= 2, found " + k);
    }
    float[][] feats;
    if (localFeatures) {
      float[] sm = Filters.gaussian(px, w, h, 2.0);
      float[] sq = new float[px.length];
      for (int i = 0; i < px.length; i++) {
        sq[i] = px[i] * px[i];
      }
      float[] sm2 = Filters.gaussian(sq, w, h, 2.0);
      float[] sd = new float[px.length];
      for (int i = 0; i < px.length; i++) {
        sd[i] = (float) Math.sqrt(Math.max(0, sm2[i] - sm[i] * sm[i]));
      }
      feats = new float[][] {px, sm, sd};
    } else {
      feats = new float[][] {px};
    }
    int d = feats.length;
    int n = px.length;
    double[] scale = new double[d];
    for (int f = 0; f < d; f++) {
      double m = 0;
      double m2 = 0;
      for (float v : feats[f]) {
        m += v;
        m2 += v * (double) v;
      }
      m /= n;
      double sd = Math.sqrt(Math.max(0, m2 / n - m * m));
      scale[f] = sd > 0 ? 1.0 / sd : 1.0;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    // k-means++ seeding on a sample of at most 20000 pixels
    int sampleN = Math.min(n, 20000);
    int[] sample = new int[sampleN];
    for (int i = 0; i < sampleN; i++) {
      sample[i] = sampleN == n ? i : rnd.nextInt(n);
    }
    double[][] cent = new double[k][d];
    int first = sample[rnd.nextInt(sampleN)];
    for (int f = 0; f < d; f++) {
      cent[0][f] = feats[f][first] * scale[f];
    }
    double[] dist = new double[sampleN];
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < sampleN; i++) {
        double best = Double.MAX_VALUE;
        for (int j = 0; j < c; j++) {
          best = Math.min(best, sq(feats, scale, sample[i], cent[j]));
        }
        dist[i] = best;
        total += best;
      }
      int pick = sample[rnd.nextInt(sampleN)];
      if (total > 0) {
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < sampleN; i++) {
          r -= dist[i];
          if (r <= 0) {
            pick = sample[i];
            break;
          }
        }
      }
      for (int f = 0; f < d; f++) {
        cent[c][f] = feats[f][pick] * scale[f];
      }
    }
    int[] labels = new int[n];
    int it = 0;
    double[][] sum = new double[k][d];
    long[] cnt = new long[k];
    for (it = 1; it <= 100; it++) {
      boolean changed = false;
      for (double[] s : sum) {
        java.util.Arrays.fill(s, 0);
      }
      java.util.Arrays.fill(cnt, 0);
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int j = 0; j < k; j++) {
          double dd = sq(feats, scale, i, cent[j]);
          if (dd < bd) {
            bd = dd;
            best = j;
          }
        }
        if (labels[i] != best || it == 1) {
          changed |= labels[i] != best;
          labels[i] = best;
        }
        cnt[best]++;
        for (int f = 0; f < d; f++) {
          sum[best][f] += feats[f][i] * scale[f];
        }
      }
      double shift = 0;
      for (int j = 0; j < k; j++) {
        if (cnt[j] == 0) {
          continue; // keep an empty cluster's centre
        }
        for (int f = 0; f < d; f++) {
          double nc = sum[j][f] / cnt[j];
          shift = Math.max(shift, Math.abs(nc - cent[j][f]));
          cent[j][f] = nc;
        }
      }
      if (!changed && it > 1 || shift < 1e-6) {
        break;
      }
    }
    // order clusters by mean intensity
    Integer[] order = new Integer[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
    }
    final double[][] cc = cent;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(cc[a][0], cc[b][0]));
    int[] rank = new int[k];
    double[] centerIntensity = new double[k];
    for (int r = 0; r < k; r++) {
      rank[order[r]] = r;
      centerIntensity[r] = cent[order[r]][0] / scale[0];
    }
    for (int i = 0; i < n; i++) {
      labels[i] = rank[labels[i]];
    }
    return new Result(labels, centerIntensity, it);
  }

  private static double sq(float[][] feats, double[] scale, int i, double[] c) {
    double s = 0;
    for (int f = 0; f < feats.length; f++) {
      double d = feats[f][i] * scale[f] - c[f];
      s += d * d;
    }
    return s;
  }
}
