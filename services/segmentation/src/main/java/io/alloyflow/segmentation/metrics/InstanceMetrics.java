package io.alloyflow.segmentation.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance-segmentation metrics on instance maps (0 = background, 1..n = instances).
 *
 * <p>AP50: COCO-style average precision at IoU 0.5 (Lin T.-Y. et al., 2014, "Microsoft COCO:
 * common objects in context", ECCV): predictions sorted by score are greedily matched to the
 * unmatched truth instance of highest IoU >= 0.5, and precision is interpolated at 101 recall
 * points. AJI: Kumar N. et al., 2017, "A dataset and a technique for generalized nuclear
 * segmentation for computational pathology", IEEE TMI 36(7):1550-1560. AJI+: Graham S. et al.,
 * 2019, "HoVer-Net: simultaneous segmentation and classification of nuclei in multi-tissue
 * histology images", Medical Image Analysis 58:101563 - pairs are one-to-one, found by the
 * Hungarian algorithm (Kuhn H.W., 1955, Naval Research Logistics Quarterly 2:83-97) maximising the
 * summed IoU, run per connected component of the overlap graph.
 */
public final class InstanceMetrics {
  private InstanceMetrics() {}

  /** Pairwise overlaps of two instance maps. */
  static final class Overlap {
    final long[] truthArea;
    final long[] predArea;
    final Map<Long, Long> inter = new HashMap<>();
    final List<List<Integer>> predsOfTruth = new ArrayList<>();

    Overlap(int[] pred, int[] truth) {
      if (pred.length != truth.length) {
        throw new IllegalArgumentException(
            "prediction has " + pred.length + " pixels but truth has " + truth.length);
      }
      int nt = 0;
      int np = 0;
      for (int i = 0; i < pred.length; i++) {
        nt = Math.max(nt, truth[i]);
        np = Math.max(np, pred[i]);
      }
      truthArea = new long[nt + 1];
      predArea = new long[np + 1];
      for (int i = 0; i < pred.length; i++) {
        truthArea[truth[i]]++;
        predArea[pred[i]]++;
        if (truth[i] > 0 && pred[i] > 0) {
          inter.merge(key(truth[i], pred[i]), 1L, Long::sum);
        }
      }
      for (int t = 0; t <= nt; t++) {
        predsOfTruth.add(new ArrayList<>());
      }
      for (long k : inter.keySet()) {
        predsOfTruth.get((int) (k >>> 32)).add((int) (k & 0xffffffffL));
      }
    }

    static long key(int t, int p) {
      return ((long) t << 32) | p;
    }

    long inter(int t, int p) {
      return inter.getOrDefault(key(t, p), 0L);
    }

    double iou(int t, int p) {
      long i = inter(t, p);
      return i == 0 ? 0 : i / (double) (truthArea[t] + predArea[p] - i);
    }
  }

  /** AP at IoU 0.5; scores may be null (then larger predicted instances rank first). */
  public static double ap50(int[] pred, int[] truth, double[] scores) {
    return averagePrecision(pred, truth, scores, 0.5);
  }

  /** COCO 101-point average precision at an IoU threshold. */
  public static double averagePrecision(int[] pred, int[] truth, double[] scores, double iouThr) {
    Overlap o = new Overlap(pred, truth);
    List<Integer> preds = new ArrayList<>();
    for (int p = 1; p < o.predArea.length; p++) {
      if (o.predArea[p] > 0) {
        preds.add(p);
      }
    }
    int nTruth = 0;
    for (int t = 1; t < o.truthArea.length; t++) {
      if (o.truthArea[t] > 0) {
        nTruth++;
      }
    }
    if (nTruth == 0) {
      return preds.isEmpty() ? 1.0 : 0.0;
    }
    preds.sort(
        (a, b) -> {
          double sa = scores != null ? scores[a] : o.predArea[a];
          double sb = scores != null ? scores[b] : o.predArea[b];
          return sa != sb ? Double.compare(sb, sa) : Integer.compare(a, b);
        });
    Map<Integer, List<Integer>> truthsOfPred = new HashMap<>();
    for (long k : o.inter.keySet()) {
      truthsOfPred
          .computeIfAbsent((int) (k & 0xffffffffL), x -> new ArrayList<>())
          .add((int) (k >>> 32));
    }
    boolean[] used = new boolean[o.truthArea.length];
    int n = preds.size();
    boolean[] truePositive = new boolean[n];
    for (int i = 0; i < n; i++) {
      int p = preds.get(i);
      int best = -1;
      double bestIou = iouThr;
      for (int t : truthsOfPred.getOrDefault(p, List.of())) {
        double iou = o.iou(t, p);
        if (!used[t] && iou >= bestIou) {
          bestIou = iou;
          best = t;
        }
      }
      if (best > 0) {
        used[best] = true;
        truePositive[i] = true;
      }
    }
    return interpolatedAp(truePositive, nTruth);
  }

  /**
   * COCO 101-point interpolated average precision (Lin et al. 2014, ECCV) of detections sorted
   * by descending score, each marked true or false positive, against {@code truthCount} objects.
   */
  public static double interpolatedAp(boolean[] truePositiveByScore, int truthCount) {
    int n = truePositiveByScore.length;
    double[] prec = new double[n];
    double[] rec = new double[n];
    int tp = 0;
    for (int i = 0; i < n; i++) {
      tp += truePositiveByScore[i] ? 1 : 0;
      prec[i] = tp / (double) (i + 1);
      rec[i] = tp / (double) truthCount;
    }
    for (int i = n - 2; i >= 0; i--) {
      prec[i] = Math.max(prec[i], prec[i + 1]);
    }
    double ap = 0;
    int j = 0;
    for (int r = 0; r <= 100; r++) {
      double rr = r / 100.0;
      while (j < n && rec[j] < rr - 1e-12) {
        j++;
      }
      ap += j < n ? prec[j] : 0;
    }
    return ap / 101;
  }

  /** Aggregated Jaccard Index (Kumar et al. 2017): many-to-one best-IoU pairing. */
  public static double aji(int[] pred, int[] truth) {
    Overlap o = new Overlap(pred, truth);
    boolean[] usedPred = new boolean[o.predArea.length];
    long in = 0;
    long un = 0;
    for (int t = 1; t < o.truthArea.length; t++) {
      if (o.truthArea[t] == 0) {
        continue;
      }
      int best = 0;
      double bi = 0;
      for (int p : o.predsOfTruth.get(t)) {
        double iou = o.iou(t, p);
        if (iou > bi) {
          bi = iou;
          best = p;
        }
      }
      if (best > 0) {
        long i = o.inter(t, best);
        in += i;
        un += o.truthArea[t] + o.predArea[best] - i;
        usedPred[best] = true;
      } else {
        un += o.truthArea[t];
      }
    }
    for (int p = 1; p < o.predArea.length; p++) {
      if (!usedPred[p]) {
        un += o.predArea[p];
      }
    }
    return un > 0 ? in / (double) un : 1.0;
  }

  /** AJI+ (Graham et al. 2019): one-to-one pairing maximising the summed IoU. */
  public static double ajiPlus(int[] pred, int[] truth) {
    Overlap o = new Overlap(pred, truth);
    int nt = o.truthArea.length;
    int np = o.predArea.length;
    // connected components of the bipartite overlap graph (truth ids 0..nt-1, pred ids nt..)
    int[] parent = new int[nt + np];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (long k : o.inter.keySet()) {
      union(parent, (int) (k >>> 32), nt + (int) (k & 0xffffffffL));
    }
    Map<Integer, List<Integer>> compT = new HashMap<>();
    Map<Integer, List<Integer>> compP = new HashMap<>();
    for (int t = 1; t < nt; t++) {
      if (o.truthArea[t] > 0 && !o.predsOfTruth.get(t).isEmpty()) {
        compT.computeIfAbsent(find(parent, t), x -> new ArrayList<>()).add(t);
      }
    }
    for (long k : o.inter.keySet()) {
      int p = (int) (k & 0xffffffffL);
      List<Integer> l = compP.computeIfAbsent(find(parent, nt + p), x -> new ArrayList<>());
      if (!l.contains(p)) {
        l.add(p);
      }
    }
    boolean[] pairedT = new boolean[nt];
    boolean[] pairedP = new boolean[np];
    long in = 0;
    long un = 0;
    for (var e : compT.entrySet()) {
      List<Integer> ts = e.getValue();
      List<Integer> ps = compP.get(e.getKey());
      double[][] cost = new double[ts.size()][ps.size()];
      for (int a = 0; a < ts.size(); a++) {
        for (int b = 0; b < ps.size(); b++) {
          cost[a][b] = -o.iou(ts.get(a), ps.get(b));
        }
      }
      int[] assign = Hungarian.solve(cost);
      for (int a = 0; a < ts.size(); a++) {
        int b = assign[a];
        if (b < 0 || cost[a][b] >= 0) {
          continue;
        }
        int t = ts.get(a);
        int p = ps.get(b);
        long i = o.inter(t, p);
        in += i;
        un += o.truthArea[t] + o.predArea[p] - i;
        pairedT[t] = true;
        pairedP[p] = true;
      }
    }
    for (int t = 1; t < nt; t++) {
      if (!pairedT[t]) {
        un += o.truthArea[t];
      }
    }
    for (int p = 1; p < np; p++) {
      if (!pairedP[p]) {
        un += o.predArea[p];
      }
    }
    return un > 0 ? in / (double) un : 1.0;
  }

  private static int find(int[] p, int a) {
    while (p[a] != a) {
      p[a] = p[p[a]];
      a = p[a];
    }
    return a;
  }

  private static void union(int[] p, int a, int b) {
    int ra = find(p, a);
    int rb = find(p, b);
    if (ra != rb) {
      p[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  /** Number of instances (distinct non-zero labels) in a map. */
  public static int countInstances(int[] map) {
    return (int) Arrays.stream(map).filter(v -> v > 0).distinct().count();
  }
}
