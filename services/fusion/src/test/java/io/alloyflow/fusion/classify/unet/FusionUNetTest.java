package io.alloyflow.fusion.classify.unet;

import io.alloyflow.fusion.classify.Scores;
import io.alloyflow.nn.UNetArchitecture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny stacked-channel U-Net learns a two-phase field whose particles a per-pixel threshold
 * cannot separate from the noise: a noisy "BSE" channel (contrast 1, noise sd 0.7; the best
 * per-pixel threshold stays far below F1 0.9) and a coarse "EDS" channel (8 x 8 block means of
 * the labels). The network must beat the per-pixel threshold clearly and reach F1 > 0.9 on an unseen field; then it is
 * saved, reloaded (same probabilities) and refuses an image with other channels.
 */
class FusionUNetTest {

  static final int SIDE = 64;

  /** Discs of radius 3-6 px on a background; two channels and the labels. */
  static Object[] field(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = SIDE * SIDE;
    int[] lab = new int[n];
    for (int d = 0; d < 9; d++) {
      double cx = r.nextDouble(SIDE);
      double cy = r.nextDouble(SIDE);
      double rad = 3 + 3 * r.nextDouble();
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad) {
            lab[y * SIDE + x] = 1;
          }
        }
      }
    }
    float[] bse = new float[n];
    float[] eds = new float[n];
    for (int i = 0; i < n; i++) {
      bse[i] = (float) (lab[i] + 0.7 * r.nextGaussian());
    }
    // coarse channel: 8x8 block means of the labels (an EDS pixel 8 SEM pixels wide) plus noise
    for (int by = 0; by < SIDE; by += 8) {
      for (int bx = 0; bx < SIDE; bx += 8) {
        double s = 0;
        for (int y = by; y < by + 8; y++) {
          for (int x = bx; x < bx + 8; x++) {
            s += lab[y * SIDE + x];
          }
        }
        float v = (float) (s / 64 + 0.05 * r.nextGaussian());
        for (int y = by; y < by + 8; y++) {
          for (int x = bx; x < bx + 8; x++) {
            eds[y * SIDE + x] = v;
          }
        }
      }
    }
    return new Object[] {new StackedChannels(List.of("bse", "eds_X"), SIDE, SIDE,
        new float[][] {bse, eds}), lab};
  }

  @Test
  void learnsATwoPhaseFieldBeyondAPixelThresholdAndRoundTrips(@TempDir Path dir)
      throws Exception {
    List<StackedChannels> xs = new ArrayList<>();
    List<int[]> ys = new ArrayList<>();
    for (int s = 1; s <= 4; s++) {
      Object[] f = field(s);
      xs.add((StackedChannels) f[0]);
      ys.add((int[]) f[1]);
    }
    Object[] val = field(100);
    Object[] test = field(200);
    FusionUNetConfig cfg = new FusionUNetConfig(new UNetArchitecture(2, 2, 8, 2),
        List.of("background", "particle"), 32, 4, 12, 25, 1e-2, 7, 0.5, 10, 0, 0);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    StackedChannels testImg = (StackedChannels) test[0];
    int[] truth = (int[]) test[1];
    try (FusionUNet net = FusionUNet.train(cfg, xs, ys, List.of((StackedChannels) val[0]),
        List.of((int[]) val[1]), "test fields", new PrintStream(log, true,
            StandardCharsets.UTF_8))) {
      int[] pred = net.predict(testImg);
      double f1 = Scores.of(truth, pred, 2).f1()[1];
      // the best per-pixel threshold on the BSE channel, chosen on the test field itself
      double bestThreshold = 0;
      for (double t = -0.5; t <= 1.5; t += 0.05) {
        int[] thr = new int[truth.length];
        for (int i = 0; i < thr.length; i++) {
          thr[i] = testImg.planes()[0][i] > t ? 1 : 0;
        }
        bestThreshold = Math.max(bestThreshold, Scores.of(truth, thr, 2).f1()[1]);
      }
      String msg = "U-Net F1 " + f1 + ", best pixel threshold F1 " + bestThreshold + "\n" + log;
      assertTrue(f1 > 0.9, msg);
      assertTrue(f1 > bestThreshold + 0.1, msg);
      assertTrue(net.card().bestEpoch() >= 1 && net.card().validationMacroF1() > 0.85, msg);

      net.save(dir);
      try (FusionUNet back = FusionUNet.load(dir)) {
        assertEquals(net.card().parameterSha256(), back.card().parameterSha256());
        assertArrayEquals(net.probabilities(testImg)[1], back.probabilities(testImg)[1], 1e-5f);
        StackedChannels other = new StackedChannels(List.of("bse"), SIDE, SIDE,
            new float[][] {testImg.planes()[0]});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> back.predict(other));
        assertTrue(e.getMessage().contains("[bse, eds_X]"), e.getMessage());
      }
    }
  }

  @Test
  void mirrorIndexAndClassWeights() {
    assertEquals(0, FusionUNet.reflect(0, 5));
    assertEquals(1, FusionUNet.reflect(-1, 5));
    assertEquals(3, FusionUNet.reflect(5, 5));
    double[] w = FusionUNet.classWeights(List.of(new int[] {0, 0, 0, 1, -1}), 2, 1, 10);
    assertArrayEquals(new double[] {4 / 6.0, 2.0}, w, 1e-12);
  }
}
