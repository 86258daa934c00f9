package io.alloyflow.prediction.imagemodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageFeaturesTest {

  @Test
  void horizontalStripesHaveKnownChordsFractionAndBanding() {
    int n = 16;
    int[] m = new int[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        m[y * n + x] = (y % 8) < 2 ? 1 : 0; // 2-px martensite bands every 8 px
      }
    }
    double[] f = ImageFeatures.of(m, n);
    assertEquals(ImageFeatures.NAMES.size(), f.length);
    assertEquals(0.25, f[0], 1e-12);
    assertEquals(16, f[2], 1e-12); // martensite chord along x: whole line
    assertEquals(2, f[3], 1e-12); // along y
    assertEquals(6, f[5], 1e-12); // ferrite chord along y
    assertEquals(2, f[6] * n * n / 1000.0, 1e-9); // two bands = two islands (periodic)
    assertTrue(f[8] > 0.9, "banding index " + f[8]);
    assertEquals(1, f[9], 1e-12); // S2 along x is perfect correlation
  }

  @Test
  void nonBinaryMapsAreRejected() {
    int[] m = new int[16];
    m[3] = 2;
    var e = assertThrows(IllegalArgumentException.class, () -> ImageFeatures.of(m, 4));
    assertTrue(e.getMessage().contains("found 2"));
  }

  @Test
  void ridgeRecoversALinearLaw() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    double[][] x = new double[200][3];
    double[] y = new double[200];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = r.nextDouble();
      }
      y[i] = 2 * x[i][0] - x[i][1] + 0.5;
    }
    Ridge m = Ridge.fit(x, y);
    assertEquals(2 * 0.3 - 0.7 + 0.5, m.predict(new double[] {0.3, 0.7, 0.1}), 1e-2);
  }
}
