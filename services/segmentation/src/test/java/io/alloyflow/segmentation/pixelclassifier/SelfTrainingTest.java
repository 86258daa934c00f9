package io.alloyflow.segmentation.pixelclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.metrics.SemanticMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Class-balanced pseudo-labels and the student trained on them. */
class SelfTrainingTest {
  private static final int W = 96;
  private static final int H = 96;

  private static PixelClassifier teacher() {
    int[] c1 = PixelClassifierTest.classes(W, H, 21);
    return PixelClassifier.train(
        List.of(new TrainingImage(PixelClassifierTest.texture(c1, 22), W, H, c1, false, "t")),
        List.of("smooth", "rough"), new FeatureBank(new double[] {1.0, 3.5}),
        new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 20, 3, 600, 5, 1));
  }

  @Test
  void keepsTheMostConfidentShareOfEachClassAndTheyAreMostlyRight() {
    PixelClassifier t = teacher();
    int[] truth = PixelClassifierTest.classes(W, H, 23);
    float[] px = PixelClassifierTest.texture(truth, 24);
    int[] teacherLabels = t.predict(px, W, H);
    SelfTraining.PseudoLabels pl = SelfTraining.pseudoLabel(t, px, W, H, 0.5, "target");
    int[] l = pl.image().labels();
    long[] assigned = new long[2];
    for (int v : teacherLabels) {
      assigned[v]++;
    }
    long kept = 0;
    long right = 0;
    long wrongTeacher = 0;
    long wrongKept = 0;
    for (int i = 0; i < l.length; i++) {
      if (teacherLabels[i] != truth[i]) {
        wrongTeacher++;
      }
      if (l[i] >= 0) {
        kept++;
        assertEquals(teacherLabels[i], l[i], "a kept pixel keeps the teacher's class");
        if (l[i] == truth[i]) {
          right++;
        } else {
          wrongKept++;
        }
      }
    }
    for (int c = 0; c < 2; c++) {
      // at least half of each class's pixels (ties at the threshold may add some)
      assertTrue(pl.perClass()[c] >= assigned[c] / 2,
          "class " + c + ": kept " + pl.perClass()[c] + " of " + assigned[c]);
    }
    assertTrue(pl.labelledFraction() < 0.9, "kept " + pl.labelledFraction());
    assertEquals((double) kept / l.length, pl.labelledFraction(), 1e-12);
    assertTrue((double) right / kept > 0.95, "pseudo-label accuracy " + (double) right / kept);
    // the confident half holds a smaller share of the teacher's errors than of its pixels
    assertTrue((double) wrongKept / Math.max(1, wrongTeacher) < (double) kept / l.length,
        wrongKept + " of " + wrongTeacher + " errors kept");
  }

  @Test
  void studentTrainedOnPseudoLabelsSegmentsTheTargetImages() {
    PixelClassifier t = teacher();
    int[] c2 = PixelClassifierTest.classes(W, H, 25);
    int[] target = PixelClassifierTest.classes(W, H, 26);
    float[] px = PixelClassifierTest.texture(target, 27);
    PixelClassifier s = SelfTraining.adapt(t,
        List.of(new TrainingImage(PixelClassifierTest.texture(c2, 28), W, H, c2, false, "l")),
        List.of(px), List.of(new int[] {W, H}), List.of("target"), 0.5,
        new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 20, 3, 600, 5, 1),
        PixelAugmentation.NONE, PixelClassifierTrainer.Progress.NONE);
    assertTrue(SemanticMetrics.compute(s.predict(px, W, H), target, 2).meanIoU() > 0.75);
    assertTrue(s.trainingData().stream().anyMatch(d -> d.contains("pseudo-labelled")),
        "the pseudo-labelled image is recorded: " + s.trainingData());
  }

  @Test
  void rejectsFractionsOutsideZeroOne() {
    PixelClassifier t = teacher();
    float[] px = new float[W * H];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SelfTraining.pseudoLabel(t, px, W, H, 0, "x"));
    assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SelfTraining.pseudoLabel(t, px, W, H, 1.5, "x"));
  }
}
