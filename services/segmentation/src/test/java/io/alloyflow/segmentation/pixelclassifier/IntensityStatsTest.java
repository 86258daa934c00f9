package io.alloyflow.segmentation.pixelclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntensityStatsTest {
  /** Two flat phases (left/right halves at a and b) with Gaussian noise sigma. */
  static float[] image(int w, int h, double a, double b, double sigma, long seed) {
    Random r = new Random(seed);
    float[] px = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (float) ((x < w / 2 ? a : b) + sigma * r.nextGaussian());
      }
    }
    return px;
  }

  @Test
  void noiseEstimateRecoversSigmaDespiteTheEdge() {
    IntensityStats s = IntensityStats.of(image(256, 256, 50, 150, 5, 1), 256, 256);
    assertEquals(5.0 / s.range(), s.relNoise(), 0.1 * 5.0 / s.range());
    assertEquals(100, s.p50(), 55);
  }

  @Test
  void imagesLikeTheTrainingOnesPassOthersAreNamed() {
    Map<String, String> params = new LinkedHashMap<>();
    IntensityStats.record(List.of(
        IntensityStats.of(image(128, 128, 50, 150, 4, 1), 128, 128),
        IntensityStats.of(image(128, 128, 55, 160, 5, 2), 128, 128)), params);
    assertTrue(IntensityStats.of(image(128, 128, 52, 155, 4.5, 3), 128, 128).farFrom(params)
        .isEmpty());
    List<String> noisy = IntensityStats.of(image(128, 128, 50, 150, 30, 4), 128, 128)
        .farFrom(params);
    assertTrue(noisy.stream().anyMatch(w -> w.contains("relative noise")), noisy.toString());
    List<String> flat = IntensityStats.of(image(128, 128, 100, 120, 1, 5), 128, 128)
        .farFrom(params);
    assertTrue(flat.stream().anyMatch(w -> w.contains("dynamic range")), flat.toString());
    assertTrue(IntensityStats.of(image(64, 64, 1, 2, 0.1, 6), 64, 64)
        .farFrom(Map.of()).isEmpty(), "no recorded statistics: no warning");
  }
}
