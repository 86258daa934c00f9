package io.alloyflow.segmentation.unet;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import io.alloyflow.nn.UNetArchitecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trains a tiny U-Net once on synthetic two-phase images and checks learning, tiling, I/O. */
class UNetTest {

  @TempDir static Path tmp;
  static Path modelDir;
  static UNetModelCard card;
  static String trainLog;

  /** Bright discs (class 1) on a dark noisy background (class 0), with ground truth. */
  static Object[] discs(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[w * h];
    int[] lb = new int[w * h];
    int n = w * h / 900;
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) {
      c[i] = new double[] {r.nextDouble() * w, r.nextDouble() * h, 5 + r.nextDouble() * 9};
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean in = false;
        for (double[] d : c) {
          double dx = x - d[0];
          double dy = y - d[1];
          in |= dx * dx + dy * dy <= d[2] * d[2];
        }
        lb[y * w + x] = in ? 1 : 0;
        px[y * w + x] = (float) (1000 + (in ? 600 : 0) + 180 * Augmenter.gaussian(r));
      }
    }
    return new Object[] {
      new Micrograph(w, h, px, 16, 1e-8, SignalType.BSE),
      new LabelMap(w, h, lb, List.of("background", "disc"), 1e-8)
    };
  }

  @BeforeAll
  static void trainTiny() throws IOException {
    List<Micrograph> imgs = new ArrayList<>();
    List<LabelMap> masks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Object[] d = discs(96, 96, 100 + i);
      imgs.add((Micrograph) d[0]);
      masks.add((LabelMap) d[1]);
    }
    Object[] v = discs(96, 96, 7);
    TrainingConfig cfg =
        new TrainingConfig(
            new UNetArchitecture(1, 2, 8, 2), List.of("background", "disc"), 48, 4, 6, 20, 1e-2,
            5L, AugmentationSettings.defaults(), true, 10, 0, 64, 16, 0, true);
    modelDir = tmp.resolve("model");
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    card =
        UNetTrainer.train(cfg, imgs, masks, List.of((Micrograph) v[0]), List.of((LabelMap) v[1]),
            modelDir, new PrintStream(bos, true, StandardCharsets.UTF_8));
    trainLog = bos.toString(StandardCharsets.UTF_8);
    System.out.print(trainLog);
  }

  @Test
  void tinyUNetLearnsDiscsOnHeldOutImage() throws IOException {
    Object[] test = discs(128, 96, 999);
    try (UNetSegmenter seg = UNetSegmenter.load(modelDir)) {
      LabelMap pred = seg.segment((Micrograph) test[0]);
      PixelScores s = PixelScores.of(pred.labels(), ((LabelMap) test[1]).labels(), 2);
      assertTrue(s.perClassIoU()[1] > 0.9, "disc IoU " + s + "\n" + trainLog);
      assertEquals(List.of("background", "disc"), pred.classNames());
    }
    assertTrue(trainLog.contains("epoch 6/6"), trainLog);
  }

  @Test
  void tiledEqualsUntiledWithinTolerance() throws IOException {
    Object[] test = discs(160, 144, 31);
    Micrograph m = (Micrograph) test[0];
    try (UNetSegmenter seg = UNetSegmenter.load(modelDir)) {
      TiledPredictor.Result whole = seg.predictUntiled(m, true);
      TiledPredictor.Result tiled = seg.tiling(64, 24).predict(m, true);
      int same = 0;
      double diff = 0;
      for (int i = 0; i < whole.labels().length; i++) {
        same += whole.labels()[i] == tiled.labels()[i] ? 1 : 0;
        diff += Math.abs(whole.probabilities()[1][i] - tiled.probabilities()[1][i]);
      }
      double agree = same / (double) whole.labels().length;
      double meanDiff = diff / whole.labels().length;
      assertTrue(agree > 0.99, "label agreement " + agree);
      assertTrue(meanDiff < 0.02, "mean |p_tiled - p_whole| " + meanDiff);
      // probabilities are a distribution at every pixel
      for (int i = 0; i < whole.labels().length; i += 97) {
        assertEquals(1.0, tiled.probabilities()[0][i] + tiled.probabilities()[1][i], 1e-4);
      }
    }
  }

  @Test
  void saveLoadRoundTripGivesIdenticalOutputs() throws IOException {
    Object[] test = discs(100, 70, 55);
    Micrograph m = (Micrograph) test[0];
    try (UNetSegmenter a = UNetSegmenter.load(modelDir);
        UNetSegmenter b = UNetSegmenter.load(modelDir)) {
      TiledPredictor.Result ra = a.predict(m, true);
      TiledPredictor.Result rb = b.predict(m, true);
      assertArrayEquals(ra.labels(), rb.labels());
      assertArrayEquals(ra.probabilities()[1], rb.probabilities()[1], 0f);
      assertEquals(a.parameterCount(), b.parameterCount());
    }
    UNetModelCard read = UNetModelCard.read(modelDir);
    assertEquals(card.bestEpoch(), read.bestEpoch());
    assertEquals(5, read.data().size());
    assertEquals(64, read.data().get(0).imageSha256().length());
    assertEquals(5L, read.training().seed());
    assertTrue(Files.exists(modelDir.resolve(read.parameterFile())), read.parameterFile());
    try (var files = Files.list(modelDir)) {
      assertEquals(
          List.of("unet-0000.params"),
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".params")).toList(),
          "one parameter file, overwritten at each validation improvement");
    }
    assertTrue((Double) read.validation().get("mIoU") > 0.5, read.validation().toString());
  }

  @Test
  void trainingFromInitWeightsStartsFromTheLoadedModel() throws IOException {
    Object[] d = discs(96, 96, 100);
    List<Micrograph> imgs = List.of((Micrograph) d[0]);
    List<LabelMap> masks = List.of((LabelMap) d[1]);
    // one step at a vanishing learning rate: the result is the init model (a random network
    // would not find the discs)
    TrainingConfig cfg =
        new TrainingConfig(
            new UNetArchitecture(1, 2, 8, 2), List.of("background", "disc"), 48, 4, 1, 1, 1e-9,
            6L, AugmentationSettings.defaults(), true, 10, 0, 64, 16, 0, false);
    Path fine = tmp.resolve("fine");
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    UNetTrainer.train(cfg, imgs, masks, List.of(), List.of(), modelDir, fine,
        new PrintStream(bos, true, StandardCharsets.UTF_8));
    assertTrue(bos.toString(StandardCharsets.UTF_8).contains("initial weights loaded"));
    Object[] test = discs(128, 96, 999);
    try (UNetSegmenter seg = UNetSegmenter.load(fine)) {
      PixelScores s =
          PixelScores.of(seg.segment((Micrograph) test[0]).labels(),
              ((LabelMap) test[1]).labels(), 2);
      assertTrue(s.perClassIoU()[1] > 0.9, "disc IoU after init + 1 step " + s);
    }
    Path scratch = tmp.resolve("scratch");
    UNetTrainer.train(cfg, imgs, masks, List.of(), List.of(), null, scratch,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try (UNetSegmenter seg = UNetSegmenter.load(scratch)) {
      PixelScores s =
          PixelScores.of(seg.segment((Micrograph) test[0]).labels(),
              ((LabelMap) test[1]).labels(), 2);
      assertTrue(s.perClassIoU()[1] < 0.9, "random network should not segment: " + s);
    }
    TrainingConfig other =
        new TrainingConfig(
            new UNetArchitecture(1, 2, 4, 2), List.of("background", "disc"), 48, 4, 1, 1, 1e-9,
            6L, AugmentationSettings.defaults(), true, 10, 0, 64, 16, 0, false);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> UNetTrainer.train(other, imgs, masks, List.of(), List.of(), modelDir,
                tmp.resolve("other"), System.out));
    assertTrue(e.getMessage().contains("architecture"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> UNetTrainer.train(cfg, imgs, masks, List.of(), List.of(), modelDir, modelDir,
            System.out));
  }

  @Test
  void missingModelFolderGivesClearError() {
    IOException e =
        assertThrows(IOException.class, () -> UNetSegmenter.load(tmp.resolve("nope")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void tileOriginsCoverTheImage() {
    assertArrayEquals(new int[] {0}, TiledPredictor.origins(50, 64, 16));
    assertArrayEquals(new int[] {0, 48, 96, 136}, TiledPredictor.origins(200, 64, 16));
  }

  @Test
  void inverseFrequencyClassWeights() {
    int[] l = new int[100];
    for (int i = 0; i < 10; i++) {
      l[i] = 1;
    }
    double[] w =
        UNetTrainer.classWeights(List.of(new LabelMap(10, 10, l, List.of("a", "b"), 1)), 2, true,
            100);
    assertEquals(100 / (2.0 * 90), w[0], 1e-12);
    assertEquals(100 / (2.0 * 10), w[1], 1e-12);
  }

  @Test
  void cosineScheduleAnnealsToTwoPercent() {
    TrainingConfig c =
        TrainingConfig.defaults(UNetArchitecture.small(2), List.of("a", "b")).withEpochs(10, 10)
            .withLearningRate(1e-3);
    var t = UNetTrainer.schedule(c, System.nanoTime());
    assertEquals(1e-3, t.getNewValue(0), 1e-9);
    assertEquals(0.51e-3, t.getNewValue(50), 1e-8);
    assertEquals(0.02e-3, t.getNewValue(100), 1e-9);
    var f = UNetTrainer.schedule(c.withCosineSchedule(false), System.nanoTime());
    assertEquals(1e-3, f.getNewValue(100), 1e-9);
  }
}
