package io.alloyflow.segmentation.classical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdTest {

  /** Brute-force between-class variance over all ordered threshold tuples of a histogram. */
  static double[] bruteForce(Histogram hist, int k) {
    int n = hist.size();
    double best = -1;
    int[] arg = null;
    int[] t = new int[k - 1];
    for (int a = 0; a < n - 1; a++) {
      t[0] = a;
      if (k == 2) {
        double v = bcv(hist, t);
        if (v > best) {
          best = v;
          arg = t.clone();
        }
        continue;
      }
      for (int b = a + 1; b < n - 1; b++) {
        t[1] = b;
        double v = bcv(hist, t);
        if (v > best) {
          best = v;
          arg = t.clone();
        }
      }
    }
    double[] thr = new double[k - 1];
    for (int i = 0; i < k - 1; i++) {
      thr[i] = hist.centers()[arg[i]];
    }
    return thr;
  }

  static double bcv(Histogram h, int[] t) {
    double total = 0;
    double sum = 0;
    for (int i = 0; i < h.size(); i++) {
      total += h.counts()[i];
      sum += h.counts()[i] * h.centers()[i];
    }
    double mu = sum / total;
    double v = 0;
    int lo = 0;
    for (int c = 0; c <= t.length; c++) {
      int hi = c < t.length ? t[c] : h.size() - 1;
      double w = 0;
      double s = 0;
      for (int i = lo; i <= hi; i++) {
        w += h.counts()[i];
        s += h.counts()[i] * h.centers()[i];
      }
      if (w > 0) {
        v += w * (s / w - mu) * (s / w - mu);
      }
      lo = hi + 1;
    }
    return v;
  }

  static float[] mixture(double[] means, double sd, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n];
    for (int i = 0; i < n; i++) {
      double v = means[i % means.length] + sd * Fixtures.gauss(r);
      px[i] = (float) Math.max(0, Math.min(255, Math.rint(v)));
    }
    return px;
  }

  @Test
  void otsuMatchesExhaustiveSearch() {
    float[] px = mixture(new double[] {60, 170}, 18, 20000, 1);
    Histogram h = Histogram.of(px, 256);
    double t = Otsu.threshold(px);
    assertEquals(bruteForce(h, 2)[0], t, 1e-9);
    assertTrue(t > 90 && t < 140, "threshold between the modes, found " + t);
  }

  @Test
  void multiOtsuDynamicProgrammeMatchesExhaustiveSearch() {
    float[] px = mixture(new double[] {40, 120, 200}, 14, 30000, 2);
    Histogram h = Histogram.of(px, 256);
    double[] dp = MultiOtsu.thresholds(h, 3);
    assertArrayEquals(bruteForce(h, 3), dp, 1e-9);
    int[] cls = MultiOtsu.apply(px, dp);
    int correct = 0;
    for (int i = 0; i < px.length; i++) {
      if (cls[i] == i % 3) {
        correct++;
      }
    }
    assertTrue(correct > 0.98 * px.length, "classified " + correct);
  }

  @Test
  void multiOtsuOnSixteenBitDataUsesBinnedHistogram() {
    float[] px = mixture(new double[] {40, 120, 200}, 10, 30000, 4);
    for (int i = 0; i < px.length; i++) {
      px[i] = Math.round(px[i] * 250f); // 0..63750, 16-bit integers
    }
    double[] t = MultiOtsu.thresholds(px, 3);
    assertEquals(2, t.length);
    assertTrue(t[0] > 70 * 250 && t[0] < 90 * 250, "t0 " + t[0]);
    assertTrue(t[1] > 150 * 250 && t[1] < 170 * 250, "t1 " + t[1]);
  }

  @Test
  void multiOtsuRejectsTooFewLevels() {
    float[] px = {1, 1, 2, 2};
    assertThrows(IllegalArgumentException.class, () -> MultiOtsu.thresholds(px, 3));
  }

  @Test
  void kmeansRecoversThreeClassesOrderedByIntensity() {
    int w = 120;
    int h = 100;
    int[] truth = new int[w * h];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = (i % w) / 40;
    }
    float[] px = Fixtures.render(truth, new double[] {30, 100, 180}, 10, 3);
    KMeans.Result r = KMeans.segment(px, w, h, 3, false, 7);
    int ok = 0;
    for (int i = 0; i < px.length; i++) {
      if (r.labels()[i] == truth[i]) {
        ok++;
      }
    }
    assertTrue(ok > 0.99 * px.length);
    assertTrue(r.centerIntensity()[0] < r.centerIntensity()[1]);
    assertEquals(100, r.centerIntensity()[1], 2);
    // with local features as well
    KMeans.Result r2 = KMeans.segment(px, w, h, 3, true, 7);
    int ok2 = 0;
    for (int i = 0; i < px.length; i++) {
      if (r2.labels()[i] == truth[i]) {
        ok2++;
      }
    }
    assertTrue(ok2 > 0.93 * px.length, "local-feature k-means " + ok2);
  }

  @Test
  void adaptiveThresholdFollowsAShadingGradient() {
    int w = 200;
    int h = 60;
    int[] truth = Fixtures.disks(w, h, new double[][] {{30, 30, 8}, {100, 30, 8}, {170, 30, 8}});
    float[] px = new float[w * h];
    for (int i = 0; i < px.length; i++) {
      double shade = (i % w) * 1.0; // background ramps 0..200
      px[i] = (float) (shade + (truth[i] > 0 ? 40 : 0));
    }
    byte[] global = Otsu.segment(px);
    byte[] local = AdaptiveThreshold.segment(px, w, h, 41, -10, AdaptiveThreshold.Kind.MEAN);
    int errG = 0;
    int errL = 0;
    for (int i = 0; i < px.length; i++) {
      int t = truth[i] > 0 ? 1 : 0;
      errG += global[i] != t ? 1 : 0;
      errL += local[i] != t ? 1 : 0;
    }
    assertTrue(errL < 0.02 * px.length, "adaptive errors " + errL);
    assertTrue(errG > 5 * errL, "global Otsu should fail on shading: " + errG + " vs " + errL);
  }
}
