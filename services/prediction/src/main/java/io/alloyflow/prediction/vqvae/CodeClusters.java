package io.alloyflow.prediction.vqvae;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Groups of codebook vectors, the interpretable features of a VQ-VAE code map: the codebook is
 * clustered by usage-weighted k-means (Lloyd 1982, k-means++ seeding of Arthur and Vassilvitskii
 * 2007) and a map is described by the area fraction of each cluster among its code positions.
 * Clusters are ordered by the mean martensite share of the patches their codes stand for (on the
 * maps they were fitted on), and named with it, so "cluster 0" is the most ferritic.
 *
 * @param clusterOfCode cluster index of each code
 * @param martensiteShare mean martensite share of the patches coded by each cluster
 * @param usage fraction of the fit maps' code positions in each cluster
 */
public record CodeClusters(int[] clusterOfCode, double[] martensiteShare, double[] usage) {

  /** File name inside a model folder. */
  public static final String FILE = "code-clusters.json";

  public CodeClusters {
    if (martensiteShare.length < 2 || usage.length != martensiteShare.length) {
      throw new IllegalArgumentException("need >= 2 clusters with one share and usage each, found "
          + martensiteShare.length + " shares and " + usage.length + " usages");
    }
    for (int c : clusterOfCode) {
      if (c < 0 || c >= martensiteShare.length) {
        throw new IllegalArgumentException(
            "cluster index " + c + " outside 0.." + (martensiteShare.length - 1));
      }
    }
  }

  public int count() {
    return martensiteShare.length;
  }

  /** Feature column names: {@code code_cluster_<k>}. */
  public List<String> columns() {
    List<String> n = new ArrayList<>();
    for (int k = 0; k < count(); k++) {
      n.add("code_cluster_" + k);
    }
    return n;
  }

  /** Player names: cluster index and its patches' mean martensite share. */
  public List<String> playerNames() {
    List<String> n = new ArrayList<>();
    for (int k = 0; k < count(); k++) {
      n.add(String.format(Locale.ROOT, "code cluster %d (M %.2f)", k, martensiteShare[k]));
    }
    return n;
  }

  /** Area fraction of each cluster in a code map. */
  public double[] areas(int[] codeMap) {
    double[] a = new double[count()];
    for (int c : codeMap) {
      if (c < 0 || c >= clusterOfCode.length) {
        throw new IllegalArgumentException(
            "code " + c + " outside the codebook 0.." + (clusterOfCode.length - 1));
      }
      a[clusterOfCode[c]] += 1.0 / codeMap.length;
    }
    return a;
  }

  /**
   * Clusters a codebook.
   *
   * @param codebook K x D code vectors
   * @param k clusters
   * @param codeMaps code maps of fit maps (weights: how often each code is used, + 1)
   * @param maps the fit maps themselves (side x side, 0/1), to measure each cluster's martensite
   * @param side map side; code maps are (side / cell)^2 with cell = side / code side
   * @param seed seed of the k-means++ seeding
   */
  public static CodeClusters fit(float[][] codebook, int k, int[][] codeMaps, float[][] maps,
      int side, long seed) {
    int nk = codebook.length;
    if (k < 2 || k > nk || codeMaps.length != maps.length || codeMaps.length == 0) {
      throw new IllegalArgumentException("need 2 <= k <= " + nk + " clusters and one code map per"
          + " map, found k=" + k + ", " + codeMaps.length + " code maps and " + maps.length
          + " maps");
    }
    int d = codebook[0].length;
    double[] w = new double[nk];
    Arrays.fill(w, 1);
    for (int[] cm : codeMaps) {
      for (int c : cm) {
        w[c]++;
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] cen = new double[k][];
    double[] dist = new double[nk];
    Arrays.fill(dist, Double.MAX_VALUE);
    int first = pick(w, rnd);
    cen[0] = toDouble(codebook[first]);
    for (int j = 1; j < k; j++) {
      double[] p = new double[nk];
      for (int i = 0; i < nk; i++) {
        dist[i] = Math.min(dist[i], d2(codebook[i], cen[j - 1]));
        p[i] = w[i] * dist[i];
      }
      cen[j] = toDouble(codebook[pick(p, rnd)]);
    }
    int[] as = new int[nk];
    for (int it = 0; it < 100; it++) {
      boolean changed = false;
      for (int i = 0; i < nk; i++) {
        int best = 0;
        for (int j = 1; j < k; j++) {
          if (d2(codebook[i], cen[j]) < d2(codebook[i], cen[best])) {
            best = j;
          }
        }
        changed |= best != as[i] || it == 0;
        as[i] = best;
      }
      if (!changed) {
        break;
      }
      double[][] sum = new double[k][d];
      double[] sw = new double[k];
      for (int i = 0; i < nk; i++) {
        sw[as[i]] += w[i];
        for (int q = 0; q < d; q++) {
          sum[as[i]][q] += w[i] * codebook[i][q];
        }
      }
      for (int j = 0; j < k; j++) {
        if (sw[j] > 0) {
          for (int q = 0; q < d; q++) {
            cen[j][q] = sum[j][q] / sw[j];
          }
        }
      }
    }
    // martensite share and usage of each cluster on the fit maps
    int cs = (int) Math.round(Math.sqrt(codeMaps[0].length));
    int cell = side / cs;
    double[] m = new double[k];
    double[] n = new double[k];
    for (int t = 0; t < maps.length; t++) {
      for (int q = 0; q < codeMaps[t].length; q++) {
        int cy = q / cs;
        int cx = q % cs;
        double f = 0;
        for (int y = cy * cell; y < (cy + 1) * cell; y++) {
          for (int x = cx * cell; x < (cx + 1) * cell; x++) {
            f += maps[t][y * side + x];
          }
        }
        int c = as[codeMaps[t][q]];
        m[c] += f / (cell * cell);
        n[c]++;
      }
    }
    double total = Arrays.stream(n).sum();
    Integer[] order = new Integer[k];
    double[] share = new double[k];
    for (int j = 0; j < k; j++) {
      order[j] = j;
      share[j] = n[j] > 0 ? m[j] / n[j] : Double.NaN;
    }
    // unused clusters (NaN share) go last
    Arrays.sort(order, (a, b) -> Double.compare(Double.isNaN(share[a]) ? 2 : share[a],
        Double.isNaN(share[b]) ? 2 : share[b]));
    int[] rank = new int[k];
    double[] sh = new double[k];
    double[] us = new double[k];
    for (int r = 0; r < k; r++) {
      rank[order[r]] = r;
      sh[r] = Double.isNaN(share[order[r]]) ? 0 : share[order[r]];
      us[r] = n[order[r]] / total;
    }
    int[] out = new int[nk];
    for (int i = 0; i < nk; i++) {
      out[i] = rank[as[i]];
    }
    return new CodeClusters(out, sh, us);
  }

  private static int pick(double[] w, SplittableRandom rnd) {
    double t = Arrays.stream(w).sum() * rnd.nextDouble();
    for (int i = 0; i < w.length; i++) {
      t -= w[i];
      if (t <= 0) {
        return i;
      }
    }
    return w.length - 1;
  }

  private static double d2(float[] a, double[] b) {
    double s = 0;
    for (int q = 0; q < a.length; q++) {
      s += (a[q] - b[q]) * (a[q] - b[q]);
    }
    return s;
  }

  private static double[] toDouble(float[] a) {
    double[] o = new double[a.length];
    for (int q = 0; q < a.length; q++) {
      o[q] = a[q];
    }
    return o;
  }

  /** Writes {@link #FILE} into dir. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(FILE).toFile(), this);
  }

  /** Reads {@link #FILE} from a model folder. */
  public static CodeClusters load(Path dir) throws IOException {
    Path p = dir.resolve(FILE);
    if (!Files.isRegularFile(p)) {
      throw new IOException("no code clusters in " + dir + " (" + FILE + " is missing)");
    }
    return new ObjectMapper().readValue(p.toFile(), CodeClusters.class);
  }
}
