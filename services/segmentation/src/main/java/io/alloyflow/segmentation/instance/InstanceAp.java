package io.alloyflow.segmentation.instance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mask average precision at an IoU threshold pooled over several images, as in the COCO
 * evaluation (Lin et al. 2014, ECCV "Microsoft COCO: Common Objects in Context"): detections of
 * all images are ranked by score, each is greedily matched to the unmatched ground-truth instance
 * of the same image with the highest IoU at or above the threshold, and precision is
 * interpolated at 101 recall points. Add images with {@link #add}, then read {@link #ap}.
 */
public final class InstanceAp {

  private final double iouThreshold;
  private final List<double[]> detections = new ArrayList<>(); // {score, tp}
  private int truthCount;

  public InstanceAp(double iouThreshold) {
    if (!(iouThreshold > 0 && iouThreshold <= 1)) {
      throw new IllegalArgumentException("IoU threshold must be in (0, 1], found " + iouThreshold);
    }
    this.iouThreshold = iouThreshold;
  }

  /**
   * Adds one image: predicted and true instance maps (0 = background) and the score of each
   * predicted label (index = label).
   */
  public void add(int[] pred, int[] truth, double[] scores) {
    if (pred.length != truth.length) {
      throw new IllegalArgumentException(
          "prediction has " + pred.length + " pixels but truth has " + truth.length);
    }
    int np = 0;
    int nt = 0;
    for (int i = 0; i < pred.length; i++) {
      np = Math.max(np, pred[i]);
      nt = Math.max(nt, truth[i]);
    }
    long[] pa = new long[np + 1];
    long[] ta = new long[nt + 1];
    Map<Long, Long> inter = new HashMap<>();
    for (int i = 0; i < pred.length; i++) {
      pa[pred[i]]++;
      ta[truth[i]]++;
      if (pred[i] > 0 && truth[i] > 0) {
        inter.merge(((long) pred[i] << 32) | truth[i], 1L, Long::sum);
      }
    }
    for (int t = 1; t <= nt; t++) {
      if (ta[t] > 0) {
        truthCount++;
      }
    }
    Map<Integer, List<int[]>> cand = new HashMap<>();
    for (Map.Entry<Long, Long> e : inter.entrySet()) {
      int p = (int) (e.getKey() >>> 32);
      int t = (int) (e.getKey() & 0xffffffffL);
      cand.computeIfAbsent(p, k -> new ArrayList<>()).add(new int[] {t, e.getValue().intValue()});
    }
    List<Integer> order = new ArrayList<>();
    for (int p = 1; p <= np; p++) {
      if (pa[p] > 0) {
        order.add(p);
      }
    }
    order.sort((a, b) -> Double.compare(scores[b], scores[a]));
    boolean[] used = new boolean[nt + 1];
    for (int p : order) {
      int best = -1;
      double bestIou = iouThreshold;
      for (int[] c : cand.getOrDefault(p, List.of())) {
        double iou = c[1] / (double) (pa[p] + ta[c[0]] - c[1]);
        if (!used[c[0]] && iou >= bestIou) {
          bestIou = iou;
          best = c[0];
        }
      }
      if (best > 0) {
        used[best] = true;
      }
      detections.add(new double[] {scores[p], best > 0 ? 1 : 0});
    }
  }

  /** Number of ground-truth instances added. */
  public int truthCount() {
    return truthCount;
  }

  /** Number of detections added. */
  public int detectionCount() {
    return detections.size();
  }

  /** COCO 101-point interpolated average precision (1 when there is nothing to find or report). */
  public double ap() {
    if (truthCount == 0) {
      return detections.isEmpty() ? 1 : 0;
    }
    List<double[]> d = new ArrayList<>(detections);
    d.sort((a, b) -> Double.compare(b[0], a[0]));
    boolean[] truePositive = new boolean[d.size()];
    for (int i = 0; i < truePositive.length; i++) {
      truePositive[i] = d.get(i)[1] > 0;
    }
    return io.alloyflow.segmentation.metrics.InstanceMetrics.interpolatedAp(truePositive, truthCount);
  }
}
