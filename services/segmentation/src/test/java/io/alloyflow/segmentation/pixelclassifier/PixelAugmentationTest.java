package io.alloyflow.segmentation.pixelclassifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.metrics.SemanticMetrics;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelAugmentationTest {

  /** Bright disks (class 1) on a dark background with mild noise. */
  private static TrainingImage image(int w, long seed) {
    int[] c = PixelClassifierTest.classes(w, w, seed);
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[c.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) (100 + 60 * c[i] + 4 * io.alloyflow.segmentation.Fixtures.gauss(r));
    }
    return new TrainingImage(px, w, w, c, false, "disks-" + seed);
  }

  @Test
  void copiesAreSeededKeepLabelsOnTheirPixelsAndChangeTheImagingConditions() {
    TrainingImage im = image(96, 1);
    PixelAugmentation a = PixelAugmentation.defaults();
    TrainingImage x = a.apply(im, 1, new SplittableRandom(5));
    TrainingImage y = a.apply(im, 1, new SplittableRandom(5));
    assertArrayEquals(x.pixels(), y.pixels());
    assertArrayEquals(x.labels(), y.labels());
    assertTrue(x.width() <= 96 && x.height() <= 96 && x.width() >= 57, x.width() + "");
    assertTrue(x.source().startsWith("disks-1 #augmented 1"), x.source());
    // labels still mark the bright phase: the mean of class 1 stays above class 0's
    double[] sum = new double[2];
    long[] n = new long[2];
    for (int i = 0; i < x.labels().length; i++) {
      sum[x.labels()[i]] += x.pixels()[i];
      n[x.labels()[i]]++;
    }
    assertTrue(sum[1] / n[1] > sum[0] / n[0] + 0.3,
        "class means after augmentation " + sum[0] / n[0] + " / " + sum[1] / n[1]);
    // different draws give different magnifications or gammas
    TrainingImage z = a.apply(im, 2, new SplittableRandom(6));
    assertTrue(z.width() != x.width() || !java.util.Arrays.equals(z.pixels(), x.pixels()));
    assertThrows(IllegalArgumentException.class,
        () -> new PixelAugmentation(1, 2.0, 1.0, 1.5, 0, 0));
  }

  @Test
  void augmentedTrainingRecordsItAndStillSegments() {
    List<TrainingImage> train = List.of(image(80, 2), image(80, 3));
    PixelClassifier.Settings s =
        new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 15, 3, 400, 7, 1)
            .withRefinement(1, true, 0);
    PixelClassifier pc = PixelClassifierTrainer.train(train, List.of("matrix", "disk"),
        FeatureBank.ilastik(), s, PixelAugmentation.defaults().withCopies(1),
        PixelClassifierTrainer.Progress.NONE, () -> false);
    assertTrue(pc.algorithm().parameters().get("augmentation").startsWith("1 copies"),
        pc.algorithm().parameters().get("augmentation"));
    assertEquals(2, pc.trainingData().size(), "hashes are those of the originals");
    TrainingImage t = image(80, 4);
    double miou = SemanticMetrics.compute(pc.predict(t.pixels(), 80, 80), t.labels(), 2)
        .meanIoU();
    assertTrue(miou > 0.9, "mIoU " + miou);
  }
}
