package io.alloyflow.segmentation.pixelclassifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.Fixtures;
import io.alloyflow.segmentation.classical.Otsu;
import io.alloyflow.segmentation.metrics.SemanticMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelClassifierTest {
  @TempDir Path tmp;

  /** Two phases of equal mean intensity that differ only in texture (noise amplitude). */
  static float[] texture(int[] cls, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[cls.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) (128 + (cls[i] == 1 ? 40 : 5) * Fixtures.gauss(r));
    }
    return px;
  }

  static int[] classes(int w, int h, long seed) {
    int[] d = Fixtures.disks(w, h, Fixtures.randomDisks(w, h, 8, 10, 18, seed));
    int[] c = new int[d.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = d[i] > 0 ? 1 : 0;
    }
    return c;
  }

  @Test
  void learnsTextureThatThresholdsCannotSeeAndRoundTrips() throws Exception {
    int w = 128;
    int h = 128;
    int[] c1 = classes(w, h, 1);
    int[] c2 = classes(w, h, 2);
    // scribbles on the first image: every 7th pixel labelled (1 = class 0, 2 = class 1)
    int[] scribble = new int[c1.length];
    for (int i = 0; i < c1.length; i += 7) {
      scribble[i] = c1[i] + 1;
    }
    List<TrainingImage> train =
        List.of(
            new TrainingImage(texture(c1, 11), w, h, scribble, true, "synthetic-1"),
            new TrainingImage(texture(c2, 12), w, h, c2, false, "synthetic-2"));
    PixelClassifier pc =
        PixelClassifier.train(
            train,
            List.of("smooth", "rough"),
            FeatureBank.ilastik(),
            new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 30, 4, 1500, 7, 1));
    int[] c3 = classes(w, h, 3);
    float[] test = texture(c3, 13);
    int[] pred = pc.predict(test, w, h);
    double miou = SemanticMetrics.compute(pred, c3, 2).meanIoU();
    assertTrue(miou > 0.85, "pixel classifier mIoU " + miou);
    byte[] otsu = Otsu.segment(test);
    int[] o = new int[otsu.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = otsu[i];
    }
    double otsuIou = SemanticMetrics.compute(o, c3, 2).meanIoU();
    assertTrue(otsuIou < 0.6, "Otsu should not separate equal-mean textures: " + otsuIou);
    // fast booster path equals Tribuo's own predictions
    float[][] f = pc.featureBank().compute(test, w, h);
    int[] sample = new int[200];
    int[] fast = new int[200];
    for (int k = 0; k < sample.length; k++) {
      sample[k] = (k * 7919) % test.length;
      fast[k] = pred[sample[k]];
    }
    assertArrayEquals(pc.predictViaTribuo(f, sample), fast);
    Path file = tmp.resolve("pc.zip");
    pc.save(file);
    PixelClassifier back = PixelClassifier.load(file);
    assertArrayEquals(pred, back.predict(test, w, h));
    assertEquals(List.of("smooth", "rough"), back.classNames());
    assertEquals(2, back.trainingData().size());
    assertTrue(back.tribuoProvenance().contains("XGBoost"), back.tribuoProvenance());
    assertEquals("XGBOOST", back.algorithm().parameters().get("learner"));
  }

  @Test
  void randomForestAlsoWorks() {
    int w = 64;
    int h = 64;
    int[] c1 = classes(w, h, 4);
    PixelClassifier pc =
        PixelClassifier.train(
            List.of(new TrainingImage(texture(c1, 5), w, h, c1, false, "rf")),
            List.of("smooth", "rough"),
            new FeatureBank(new double[] {1.0, 3.5}),
            new PixelClassifier.Settings(PixelClassifier.Learner.RANDOM_FOREST, 10, 8, 500, 3, 1));
    int[] pred = pc.predict(texture(c1, 6), w, h);
    assertTrue(SemanticMetrics.compute(pred, c1, 2).meanIoU() > 0.75);
  }

  @Test
  void rejectsMissingClassesAndSizeMismatch() {
    int[] zeros = new int[16];
    assertThrows(
        IllegalArgumentException.class,
        () -> new TrainingImage(new float[16], 4, 4, new int[15], false, "bad"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PixelClassifier.train(
                List.of(new TrainingImage(new float[16], 4, 4, zeros, false, "one-class")),
                List.of("a", "b"),
                new FeatureBank(new double[] {1}),
                PixelClassifier.Settings.defaults()));
  }

  @Test
  void autoContextStagePriorCorrectionAndCleanUpRoundTrip() throws Exception {
    int w = 128;
    int h = 128;
    int[] c1 = classes(w, h, 21);
    int[] c2 = classes(w, h, 22);
    List<TrainingImage> train =
        List.of(
            new TrainingImage(texture(c1, 31), w, h, c1, false, "ac-1"),
            new TrainingImage(texture(c2, 32), w, h, c2, false, "ac-2"));
    PixelClassifier.Settings s =
        new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 30, 4, 1500, 7, 1)
            .withRefinement(1, true, 10);
    PixelClassifier pc =
        PixelClassifier.train(train, List.of("smooth", "rough"), new FeatureBank(new double[] {
            1.0, 1.6, 3.5}), s);
    assertEquals(1, pc.autoContextStages());
    // prior weights: dense-mask class frequency over the (balanced) sample share
    double f1 = 0;
    for (int[] c : List.of(c1, c2)) {
      for (int v : c) {
        f1 += v;
      }
    }
    f1 /= 2.0 * c1.length;
    double[] pw = pc.priorWeights();
    assertEquals((1 - f1) / 0.5, pw[0], 0.02);
    assertEquals(f1 / 0.5, pw[1], 0.02);
    int[] c3 = classes(w, h, 23);
    float[] test = texture(c3, 33);
    float[][] p0 = pc.probabilities(test, w, h, 0);
    double miou0 = SemanticMetrics.compute(PixelClassifier.argMax(p0), c3, 2).meanIoU();
    int[] pred = pc.predict(test, w, h);
    double miou1 = SemanticMetrics.compute(pred, c3, 2).meanIoU();
    assertTrue(miou1 > miou0, "auto-context " + miou1 + " should beat the first stage " + miou0);
    float[][] p = pc.probabilities(test, w, h);
    for (int i = 0; i < test.length; i += 97) {
      assertEquals(1.0, p[0][i] + p[1][i], 1e-5);
    }
    Path file = tmp.resolve("ac.zip");
    pc.save(file);
    PixelClassifier back = PixelClassifier.load(file);
    assertArrayEquals(pred, back.predict(test, w, h));
    assertArrayEquals(pw, back.priorWeights(), 1e-12);
    assertEquals(10, back.minRegionPx());
    assertEquals("1", back.algorithm().parameters().get("autoContextStages"));
  }

  @Test
  void classWeightCalibrationMakesValidationCountsUnbiased() {
    int w = 96;
    int h = 96;
    int[] c1 = classes(w, h, 41);
    PixelClassifier pc =
        PixelClassifier.train(
            List.of(new TrainingImage(texture(c1, 51), w, h, c1, false, "cal-train")),
            List.of("smooth", "rough"),
            new FeatureBank(new double[] {1.0, 3.5}),
            new PixelClassifier.Settings(PixelClassifier.Learner.XGBOOST, 20, 3, 800, 5, 1));
    int[] v1 = classes(w, h, 42);
    int[] v2 = classes(w, h, 43);
    List<TrainingImage> val =
        List.of(
            new TrainingImage(texture(v1, 52), w, h, v1, false, "cal-1"),
            new TrainingImage(texture(v2, 53), w, h, v2, false, "cal-2"));
    PixelClassifier cal = pc.calibrateClassWeights(val);
    long truth = 0;
    long before = 0;
    long after = 0;
    for (TrainingImage im : val) {
      for (int v : im.labels()) {
        truth += v;
      }
      for (int v : pc.predict(im.pixels(), w, h)) {
        before += v;
      }
      for (int v : cal.predict(im.pixels(), w, h)) {
        after += v;
      }
    }
    double n = 2.0 * w * h;
    assertTrue(Math.abs(after - truth) / n < 0.003,
        "calibrated count " + after + " vs truth " + truth + " (before " + before + ")");
    assertTrue(Math.abs(after - truth) <= Math.abs(before - truth));
    assertEquals(3, cal.trainingData().size());
  }
}
