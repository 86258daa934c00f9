package io.alloyflow.segmentation.pixelclassifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Unsupervised adaptation to new imaging conditions by class-balanced pseudo-label self-training
 * (Zou Y., Yu Z., Kumar B.V.K.V. and Wang J., 2018, "Unsupervised domain adaptation for semantic
 * segmentation via class-balanced self-training", ECCV, LNCS 11207:297-313): a trained classifier
 * (the teacher) labels unlabelled images of the new conditions; for every class only the most
 * confident {@code fraction} of the pixels the teacher assigns to it keep their label (a
 * per-class threshold, so a class the teacher is unsure about on the new images is not drowned by
 * the confident common ones), the rest are left unlabelled; a student is then trained on the
 * labelled training images plus these pseudo-labelled images. The new images' own labels are never
 * used.
 */
public final class SelfTraining {
  private SelfTraining() {}

  /** What pseudo-labelling kept of one image. */
  public record PseudoLabels(TrainingImage image, double labelledFraction, long[] perClass) {
    public PseudoLabels {
      if (!(labelledFraction >= 0 && labelledFraction <= 1)) {
        throw new IllegalArgumentException(
            "labelledFraction must be in [0, 1], found " + labelledFraction);
      }
      perClass = perClass.clone();
    }
  }

  /**
   * Pseudo-labels one unlabelled image with the teacher.
   *
   * @param teacher trained classifier
   * @param pixels row-major intensities of the unlabelled image
   * @param fraction share (0..1] of each class's teacher-assigned pixels kept, most confident
   *     first
   * @param source name of the image (provenance)
   * @return a dense training image whose unkept pixels are -1 (ignored by the trainer)
   */
  public static PseudoLabels pseudoLabel(
      PixelClassifier teacher, float[] pixels, int width, int height, double fraction,
      String source) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "pseudo-label fraction must be in (0, 1], found " + fraction);
    }
    float[][] p = teacher.probabilities(pixels, width, height);
    int k = p.length;
    int n = pixels.length;
    int[] arg = PixelClassifier.argMax(p);
    double[] threshold = new double[k];
    for (int c = 0; c < k; c++) {
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (arg[i] == c) {
          m++;
        }
      }
      float[] conf = new float[m];
      m = 0;
      for (int i = 0; i < n; i++) {
        if (arg[i] == c) {
          conf[m++] = p[c][i];
        }
      }
      Arrays.sort(conf);
      // keep the top `fraction` of this class's pixels: threshold at the (1 - fraction) quantile
      threshold[c] = m == 0 ? Double.POSITIVE_INFINITY
          : conf[Math.min(m - 1, (int) Math.floor((1 - fraction) * m))];
    }
    int[] labels = new int[n];
    long[] perClass = new long[k];
    long kept = 0;
    for (int i = 0; i < n; i++) {
      int c = arg[i];
      if (p[c][i] >= threshold[c]) {
        labels[i] = c;
        perClass[c]++;
        kept++;
      } else {
        labels[i] = -1;
      }
    }
    TrainingImage im = new TrainingImage(pixels, width, height, labels, false,
        source + " (pseudo-labelled, fraction " + fraction + ")");
    return new PseudoLabels(im, (double) kept / n, perClass);
  }

  /**
   * Trains a student on the labelled images plus the teacher's pseudo-labels of the unlabelled
   * ones, with the teacher's settings otherwise unchanged.
   */
  public static PixelClassifier adapt(
      PixelClassifier teacher, List<TrainingImage> labelled, List<float[]> unlabelled,
      List<int[]> sizes, List<String> sources, double fraction, PixelClassifier.Settings s,
      PixelAugmentation augmentation, PixelClassifierTrainer.Progress progress) {
    if (unlabelled.size() != sizes.size() || unlabelled.size() != sources.size()) {
      throw new IllegalArgumentException("unlabelled images, sizes and sources differ in count: "
          + unlabelled.size() + ", " + sizes.size() + ", " + sources.size());
    }
    List<TrainingImage> all = new ArrayList<>(labelled);
    for (int i = 0; i < unlabelled.size(); i++) {
      all.add(pseudoLabel(teacher, unlabelled.get(i), sizes.get(i)[0], sizes.get(i)[1], fraction,
          sources.get(i)).image());
    }
    return PixelClassifierTrainer.train(all, teacher.classNames(), teacher.featureBank(), s,
        augmentation, progress, () -> false);
  }
}
