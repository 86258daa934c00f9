package io.alloyflow.prediction.vqvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VqVaeTest {

  /** Eight 16x16 toy maps built from 4x4 blocks: stripes, checkerboards, solid, empty. */
  static float[][] toyMaps() {
    int n = 16;
    float[][] maps = new float[8][n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int bx = x / 4;
        int by = y / 4;
        maps[0][y * n + x] = bx % 2;
        maps[1][y * n + x] = by % 2;
        maps[2][y * n + x] = (bx + by) % 2;
        maps[3][y * n + x] = 1;
        maps[4][y * n + x] = 0;
        maps[5][y * n + x] = bx < 2 ? 1 : 0;
        maps[6][y * n + x] = by >= 3 ? 1 : 0;
        maps[7][y * n + x] = (bx == by) ? 1 : 0;
      }
    }
    return maps;
  }

  static VqVae.Config tiny(int codes, int epochs, int restartAfter) {
    return new VqVae.Config(16, 8, 4, codes, epochs, 8, 0.01, 0.25, 0.8, restartAfter, 3, false);
  }

  @Test
  void shapesOfCodesReconstructionAndCodeMap() {
    VqVae.Config c = tiny(16, 0, 5);
    VqVaeBlock block = new VqVaeBlock(c);
    try (Model m = VqVae.newModel(block)) {
      block.initialize(m.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
          new Shape(2, 1, 16, 16));
      NDArray x = m.getNDManager().randomUniform(0, 1, new Shape(2, 1, 16, 16));
      NDList out = block.forward(new ai.djl.training.ParameterStore(m.getNDManager(), false),
          new NDList(x), false);
      assertEquals(new Shape(2, 1, 16, 16), out.get(0).getShape());
      assertEquals(new Shape(2, 4, 4, 4), out.get(1).getShape());
      assertEquals(new Shape(2, 4, 4, 4), out.get(2).getShape());
      assertEquals(new Shape(2, 4, 4), out.get(3).getShape());
      long[] idx = out.get(3).toLongArray();
      for (long i : idx) {
        assertTrue(i >= 0 && i < 16, "code index " + i);
      }
      // z_q rows are codebook rows: the chosen code is the nearest one
      float[] book = block.codebook.getArray().toFloatArray();
      float[] ze = out.get(1).transpose(0, 2, 3, 1).reshape(-1, 4).toFloatArray();
      float[] zq = out.get(2).transpose(0, 2, 3, 1).reshape(-1, 4).toFloatArray();
      for (int r = 0; r < idx.length; r++) {
        int best = 0;
        double bd = Double.MAX_VALUE;
        for (int k = 0; k < 16; k++) {
          double dd = 0;
          for (int q = 0; q < 4; q++) {
            double t = ze[r * 4 + q] - book[k * 4 + q];
            dd += t * t;
          }
          if (dd < bd) {
            bd = dd;
            best = k;
          }
        }
        assertEquals(best, idx[r], "nearest code of row " + r);
        for (int q = 0; q < 4; q++) {
          assertEquals(book[best * 4 + q], zq[r * 4 + q], 1e-6);
        }
      }
    }
  }

  /** Mean |gradient| of the first encoder weight after back-propagating the reconstruction loss. */
  private static double encoderGradient(boolean straightThrough) {
    VqVae.Config c = tiny(16, 0, 5);
    VqVaeBlock block = new VqVaeBlock(c);
    block.straightThrough = straightThrough;
    try (Model m = VqVae.newModel(block);
        Trainer t = m.newTrainer(VqVae.trainingConfig(0.01))) {
      t.initialize(new Shape(8, 1, 16, 16));
      float[][] maps = toyMaps();
      float[] xb = new float[8 * 256];
      for (int i = 0; i < 8; i++) {
        System.arraycopy(maps[i], 0, xb, i * 256, 256);
      }
      NDArray x = m.getNDManager().create(xb, new Shape(8, 1, 16, 16));
      try (GradientCollector gc = t.newGradientCollector()) {
        NDList out = t.forward(new NDList(x));
        gc.backward(Nn.bceWithLogits(out.get(0), x).mean());
      }
      NDArray w0 = block.getParameters().get("w0").getArray();
      double dec = block.getParameters().get("w8").getArray().getGradient().abs().mean()
          .getFloat();
      assertTrue(dec > 0, "the decoder always gets a gradient, found " + dec);
      return w0.getGradient().abs().mean().getFloat();
    }
  }

  @Test
  void straightThroughEstimatorCarriesTheDecoderGradientToTheEncoder() {
    assertTrue(encoderGradient(true) > 1e-8, "encoder gradient with the straight-through path");
    // control: without the straight-through path the argmin blocks every gradient
    assertEquals(0.0, encoderGradient(false), 0.0);
  }

  @Test
  void aTinyCodebookLearnsToReconstructToyMaps(@TempDir Path dir) throws Exception {
    float[][] maps = toyMaps();
    try (VqVae vq = VqVae.train(maps, tiny(8, 150, 10))) {
      double acc = vq.pixelAccuracy(maps);
      assertTrue(acc > 0.97, "pixel accuracy " + acc);
      var h = vq.history();
      assertTrue(h.get(h.size() - 1).reconstruction() < 0.3 * h.get(0).reconstruction(),
          "reconstruction loss fell: " + h.get(0) + " -> " + h.get(h.size() - 1));
      int[][] codes = vq.encode(maps);
      vq.save(dir);
      try (VqVae back = VqVae.load(dir)) {
        for (int i = 0; i < maps.length; i++) {
          assertArrayEquals(codes[i], back.encode(new float[][] {maps[i]})[0]);
        }
        assertEquals(h, back.history());
      }
    }
  }

  @Test
  void deadCodesAreRestartedFromEncoderOutputs() {
    float[][] maps = toyMaps();
    // 64 codes for 8 maps x 16 positions of at most a few distinct 4x4 patches: most codes die
    try (VqVae vq = VqVae.train(maps, tiny(64, 6, 2))) {
      var h = vq.history();
      assertTrue(h.get(0).restarts() >= 64,
          "every code starts as a restart (data-dependent initialisation): " + h.get(0));
      int later = 0;
      for (int e = 1; e < h.size(); e++) {
        later += h.get(e).restarts();
        assertTrue(h.get(e).codesUsed() <= 64);
      }
      assertTrue(later > 0, "unused codes were restarted after their first epoch: " + h);
      double[] u = VqVae.usage(vq.encode(maps), 64);
      assertTrue(u[0] >= 2 && u[1] >= 1.5, "the restarted codebook is used: " + u[0] + " codes, "
          + "perplexity " + u[1]);
    }
  }

  @Test
  void perplexityOfUniformUsageIsTheNumberOfCodes() {
    assertEquals(4, VqVae.perplexity(new long[] {5, 5, 5, 5, 0, 0}), 1e-12);
    assertEquals(1, VqVae.perplexity(new long[] {9, 0, 0}), 1e-12);
  }

  @Test
  void badSettingsAndWrongMapSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> tiny(1, 1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VqVae.train(new float[][] {new float[10], new float[10]}, tiny(8, 1, 2)));
    assertTrue(e.getMessage().contains("expected 256"), e.getMessage());
  }
}
