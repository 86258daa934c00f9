package io.alloyflow.segmentation.metrics;

/**
 * Confusion-matrix metrics of a predicted class map against ground truth.
 *
 * <p>IoU (Jaccard) per class = TP / (TP + FP + FN); mIoU averages the classes that occur in the
 * truth or the prediction (absent classes are NaN and skipped), as in Everingham M. et al., 2010,
 * "The PASCAL Visual Object Classes (VOC) challenge", IJCV 88:303-338. Precision, recall and F1
 * follow Sokolova M. and Lapalme G., 2009, "A systematic analysis of performance measures for
 * classification tasks", Information Processing and Management 45:427-437 (macro = mean over
 * classes, micro = from pooled counts, equal to pixel accuracy for single-label maps).
 *
 * @param confusion counts [truth][pred]
 * @param pixelAccuracy fraction of correctly classified pixels
 * @param perClassIoU IoU per class (NaN when the class occurs in neither map)
 * @param meanIoU mean of the defined per-class IoUs
 * @param precision per-class precision
 * @param recall per-class recall
 * @param f1 per-class F1
 * @param f1Macro mean of defined per-class F1
 * @param f1Micro micro-averaged F1
 * @param precisionMacro mean of defined precisions
 * @param recallMacro mean of defined recalls
 */
public record SemanticMetrics(
    long[][] confusion,
    double pixelAccuracy,
    double[] perClassIoU,
    double meanIoU,
    double[] precision,
    double[] recall,
    double[] f1,
    double f1Macro,
    double f1Micro,
    double precisionMacro,
    double recallMacro) {

  /** Computes the metrics for class maps with values in [0, classes); other values are ignored. */
  public static SemanticMetrics compute(int[] pred, int[] truth, int classes) {
    long[][] c = new long[classes][classes];
    accumulate(c, pred, truth);
    return fromConfusion(c);
  }

  /** Adds the pixels of one image pair to a confusion matrix (for dataset-level metrics). */
  public static void accumulate(long[][] c, int[] pred, int[] truth) {
    if (pred.length != truth.length) {
      throw new IllegalArgumentException(
          "prediction has " + pred.length + " pixels but truth has " + truth.length);
    }
    int k = c.length;
    for (int i = 0; i < pred.length; i++) {
      int t = truth[i];
      int p = pred[i];
      if (t < 0 || t >= k) {
        continue;
      }
      if (p < 0 || p >= k) {
        throw new IllegalArgumentException(
            "predicted class " + p + " at pixel " + i + " outside 0.." + (k - 1));
      }
      c[t][p]++;
    }
  }

  /** Metrics from a confusion matrix [truth][pred]. */
  public static SemanticMetrics fromConfusion(long[][] c) {
    int k = c.length;
    long total = 0;
    long diag = 0;
    long[] rowSum = new long[k];
    long[] colSum = new long[k];
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        total += c[t][p];
        rowSum[t] += c[t][p];
        colSum[p] += c[t][p];
      }
      diag += c[t][t];
    }
    double[] iou = new double[k];
    double[] prec = new double[k];
    double[] rec = new double[k];
    double[] f1 = new double[k];
    for (int j = 0; j < k; j++) {
      long tp = c[j][j];
      long fp = colSum[j] - tp;
      long fn = rowSum[j] - tp;
      iou[j] = tp + fp + fn > 0 ? tp / (double) (tp + fp + fn) : Double.NaN;
      prec[j] = tp + fp > 0 ? tp / (double) (tp + fp) : (fn > 0 ? 0 : Double.NaN);
      rec[j] = tp + fn > 0 ? tp / (double) (tp + fn) : Double.NaN;
      f1[j] = 2 * tp + fp + fn > 0 ? 2.0 * tp / (2.0 * tp + fp + fn) : Double.NaN;
    }
    double acc = total > 0 ? diag / (double) total : Double.NaN;
    return new SemanticMetrics(
        c, acc, iou, nanMean(iou), prec, rec, f1, nanMean(f1), acc, nanMean(prec), nanMean(rec));
  }

  static double nanMean(double[] v) {
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += x;
        n++;
      }
    }
    return n > 0 ? s / n : Double.NaN;
  }

  /**
   * The one-to-one relabelling of predicted classes that maximises the pixels on the diagonal
   * (Hungarian algorithm on the confusion matrix), used to score unsupervised methods (Otsu,
   * k-means) whose class order is by intensity rather than by meaning.
   *
   * @return map predicted class -> truth class
   */
  public static int[] bestMapping(long[][] confusion) {
    int k = confusion.length;
    double[][] cost = new double[k][k];
    for (int p = 0; p < k; p++) {
      for (int t = 0; t < k; t++) {
        cost[p][t] = -confusion[t][p];
      }
    }
    int[] a = Hungarian.solve(cost);
    for (int p = 0; p < k; p++) {
      if (a[p] < 0) {
        a[p] = p;
      }
    }
    return a;
  }
}
