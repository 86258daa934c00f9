package io.alloyflow.segmentation.unet;

import java.util.Arrays;

/**
 * Pixel-level scores from a confusion matrix, used for validation and early stopping: pixel
 * accuracy, per-class intersection over union (Jaccard 1912) and their mean over the classes
 * present in truth or prediction (the mIoU of Everingham et al. 2010, IJCV 88, 303-338). Truth
 * labels below 0 are ignored.
 *
 * @param pixelAccuracy fraction of labelled pixels whose predicted class is right
 * @param meanIoU mean IoU over classes with a non-empty union
 * @param perClassIoU IoU per class (NaN where truth and prediction are both empty)
 */
public record PixelScores(double pixelAccuracy, double meanIoU, double[] perClassIoU) {

  /** Scores of predicted against true class labels (same length). */
  public static PixelScores of(int[] predicted, int[] truth, int numClasses) {
    if (predicted.length != truth.length) {
      throw new IllegalArgumentException(
          "prediction has " + predicted.length + " pixels but truth has " + truth.length);
    }
    long[][] cm = new long[numClasses][numClasses];
    accumulate(cm, predicted, truth);
    return fromConfusion(cm);
  }

  /** Adds one image to a confusion matrix {@code cm[truth][pred]}. */
  public static void accumulate(long[][] cm, int[] predicted, int[] truth) {
    int k = cm.length;
    for (int i = 0; i < truth.length; i++) {
      int t = truth[i];
      if (t < 0) {
        continue;
      }
      int p = predicted[i];
      if (t >= k || p < 0 || p >= k) {
        throw new IllegalArgumentException(
            "label out of range 0.." + (k - 1) + " at pixel " + i + ": truth " + t + ", pred " + p);
      }
      cm[t][p]++;
    }
  }

  /** Scores of a confusion matrix {@code cm[truth][pred]}. */
  public static PixelScores fromConfusion(long[][] cm) {
    int k = cm.length;
    long total = 0;
    long correct = 0;
    double[] iou = new double[k];
    double sum = 0;
    int present = 0;
    for (int c = 0; c < k; c++) {
      long tp = cm[c][c];
      long fn = 0;
      long fp = 0;
      for (int o = 0; o < k; o++) {
        total += cm[c][o];
        if (o != c) {
          fn += cm[c][o];
          fp += cm[o][c];
        }
      }
      correct += tp;
      long union = tp + fn + fp;
      iou[c] = union == 0 ? Double.NaN : tp / (double) union;
      if (union > 0) {
        sum += iou[c];
        present++;
      }
    }
    return new PixelScores(
        total == 0 ? Double.NaN : correct / (double) total,
        present == 0 ? Double.NaN : sum / present,
        iou);
  }

  @Override
  public String toString() {
    return String.format(
        "pixelAccuracy=%.4f mIoU=%.4f perClassIoU=%s",
        pixelAccuracy, meanIoU, Arrays.toString(perClassIoU));
  }
}
