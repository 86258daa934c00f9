package io.alloyflow.segmentation.unet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {

  /** Image whose value encodes the label, so geometry must keep pixels and labels aligned. */
  static float[] img;
  static int[] mask;
  static final int W = 40;
  static final int H = 30;

  static {
    img = new float[W * H];
    mask = new int[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        int l = (x / 7 + y / 5) % 3;
        mask[y * W + x] = l;
        img[y * W + x] = l / 2f;
      }
    }
  }

  @Test
  void rotationsAndFlipsKeepPixelsAndLabelsAligned() {
    AugmentationSettings geo = new AugmentationSettings(true, true, 1, 1, 1, 1, 0, 0, 1, 1, 0);
    Augmenter a = new Augmenter(geo);
    int side = 24;
    float[] sq = new float[side * side];
    int[] sm = new int[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        sm[y * side + x] = (x / 5 + 2 * (y / 7)) % 3;
        sq[y * side + x] = sm[y * side + x] / 2f;
      }
    }
    SplittableRandom r = new SplittableRandom(3);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int k = 0; k < 40; k++) {
      Augmenter.Sample s = a.sample(sq, sm, side, side, side, r);
      int[] hist = new int[3];
      for (int i = 0; i < s.pixels().length; i++) {
        assertEquals(s.labels()[i] / 2f, s.pixels()[i], 1e-6f, "pixel/label misaligned at " + i);
        hist[s.labels()[i]]++;
      }
      int[] ref = new int[3];
      for (int l : sm) {
        ref[l]++;
      }
      assertArrayEquals(ref, hist, "a D4 transform permutes pixels");
      seen.add(java.util.Arrays.toString(java.util.Arrays.copyOf(s.labels(), 30)));
    }
    assertTrue(seen.size() >= 6, "rotations/flips produce distinct crops: " + seen.size());
  }

  @Test
  void sameSeedSameSamples() {
    Augmenter a = new Augmenter(AugmentationSettings.defaults());
    Augmenter.Sample s1 = a.sample(img, mask, W, H, 32, new SplittableRandom(9));
    Augmenter.Sample s2 = a.sample(img, mask, W, H, 32, new SplittableRandom(9));
    assertArrayEquals(s1.pixels(), s2.pixels(), 0f);
    assertArrayEquals(s1.labels(), s2.labels());
  }

  @Test
  void noAugmentationOnAlignedCropIsACopy() {
    // scale 1, no rotation/flip: a crop as large as the image in one dimension is exact
    Augmenter a = new Augmenter(AugmentationSettings.none());
    int side = 30;
    float[] sq = new float[side * side];
    int[] sm = new int[side * side];
    for (int i = 0; i < sq.length; i++) {
      sq[i] = (i * 7919 % 101) / 100f;
      sm[i] = i % 3;
    }
    Augmenter.Sample s = a.sample(sq, sm, side, side, side, new SplittableRandom(1));
    assertArrayEquals(sq, s.pixels(), 1e-6f);
    assertArrayEquals(sm, s.labels());
  }

  @Test
  void poissonNoiseHasPoissonVariance() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 20000;
    for (double mean : new double[] {3, 80}) {
      double s = 0;
      double s2 = 0;
      for (int i = 0; i < n; i++) {
        double v = Augmenter.poisson(mean, r);
        s += v;
        s2 += v * v;
      }
      double m = s / n;
      double var = s2 / n - m * m;
      assertEquals(mean, m, 0.05 * mean);
      assertEquals(mean, var, 0.1 * mean);
    }
  }

  @Test
  void mirrorIndexing() {
    assertEquals(1, Augmenter.reflect(-1, 5));
    assertEquals(3, Augmenter.reflect(5, 5));
    assertEquals(0, Augmenter.reflect(8, 5));
    assertEquals(0, Augmenter.reflect(7, 1));
  }

  @Test
  void invalidSettingsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> new AugmentationSettings(true, true, 1.5, 1.2, 1, 1, 0, 0, 1, 1, 0));
    assertTrue(e.getMessage().contains("scale"), e.getMessage());
  }
}
