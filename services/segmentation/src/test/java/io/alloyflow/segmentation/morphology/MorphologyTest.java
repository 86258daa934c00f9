package io.alloyflow.segmentation.morphology;

import io.alloyflow.core.image.DistanceTransform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MorphologyTest {

  static byte[] random(int n, double p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] m = new byte[n];
    for (int i = 0; i < n; i++) {
      m[i] = r.nextDouble() < p ? (byte) 1 : 0;
    }
    return m;
  }

  static byte[] naiveDilate(byte[] m, int w, int h, int r) {
    byte[] o = new byte[m.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int dy = -r; dy <= r; dy++) {
          for (int dx = -r; dx <= r; dx++) {
            int xx = x + dx;
            int yy = y + dy;
            if (dx * dx + dy * dy <= r * r && xx >= 0 && yy >= 0 && xx < w && yy < h
                && m[yy * w + xx] != 0) {
              o[y * w + x] = 1;
            }
          }
        }
      }
    }
    return o;
  }

  @Test
  void runDecomposedDilationEqualsNaiveDisk() {
    int w = 47;
    int h = 39;
    byte[] m = random(w * h, 0.03, 1);
    for (int r = 0; r <= 5; r++) {
      assertArrayEquals(naiveDilate(m, w, h, r), BinaryMorphology.dilate(m, w, h, r), "r=" + r);
    }
  }

  @Test
  void openingRemovesThinLinesAndClosingFillsGaps() {
    int w = 60;
    int h = 60;
    int[] d = Fixtures.disks(w, h, new double[][] {{30, 30, 12}});
    byte[] m = new byte[w * h];
    for (int i = 0; i < m.length; i++) {
      m[i] = d[i] > 0 ? (byte) 1 : 0;
    }
    for (int x = 0; x < w; x++) {
      m[5 * w + x] = 1; // 1-px line
    }
    byte[] o = BinaryMorphology.open(m, w, h, 2);
    assertEquals(0, o[5 * w + 30]);
    assertEquals(1, o[30 * w + 30]);
    byte[] gap = m.clone();
    for (int y = 0; y < h; y++) {
      gap[y * w + 30] = 0; // cut the disk with a 1-px gap
    }
    byte[] c = BinaryMorphology.close(gap, w, h, 2);
    assertEquals(1, c[30 * w + 30]);
  }

  @Test
  void fillHolesAndRemoveSmallObjects() {
    int w = 40;
    int h = 40;
    byte[] m = new byte[w * h];
    for (int y = 5; y < 25; y++) {
      for (int x = 5; x < 25; x++) {
        m[y * w + x] = (byte) ((x == 5 || x == 24 || y == 5 || y == 24) ? 1 : 0);
      }
    }
    m[35 * w + 35] = 1;
    byte[] f = BinaryMorphology.fillHoles(m, w, h);
    assertEquals(1, f[15 * w + 15]);
    assertEquals(0, f[30 * w + 30]);
    byte[] r = BinaryMorphology.removeSmallObjects(f, w, h, 2);
    assertEquals(0, r[35 * w + 35]);
    assertEquals(1, r[15 * w + 15]);
  }

  @Test
  void connectivityMatters() {
    // diagonal pixels: one 8-connected component, three 4-connected ones
    int w = 5;
    byte[] m = new byte[25];
    m[0] = 1;
    m[6] = 1;
    m[12] = 1;
    assertEquals(1, ConnectedComponents.count(ConnectedComponents.label(m, w, 5, true)));
    assertEquals(3, ConnectedComponents.count(ConnectedComponents.label(m, w, 5, false)));
    // U shape merging two provisional labels
    byte[] u = new byte[25];
    for (int y = 0; y < 5; y++) {
      u[y * 5] = 1;
      u[y * 5 + 4] = 1;
    }
    for (int x = 0; x < 5; x++) {
      u[20 + x] = 1;
    }
    int[] l = ConnectedComponents.label(u, 5, 5, false);
    assertEquals(1, ConnectedComponents.count(l));
  }

  @Test
  void distanceTransformIsExact() {
    int w = 31;
    int h = 23;
    byte[] m = random(w * h, 0.9, 5);
    double[] d = DistanceTransform.edt(m, w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double best = m[y * w + x] == 0 ? 0 : Double.POSITIVE_INFINITY;
        if (m[y * w + x] != 0) {
          for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
              if (m[yy * w + xx] == 0) {
                best = Math.min(best, Math.hypot(x - xx, y - yy));
              }
            }
          }
        }
        assertEquals(best, d[y * w + x], 1e-9, "at " + x + "," + y);
      }
    }
  }

  @Test
  void watershedSplitsTouchingDisks() {
    int w = 100;
    int h = 70;
    int[] truth = Fixtures.disks(w, h, new double[][] {{35, 35, 18}, {63, 35, 16}});
    byte[] m = new byte[w * h];
    for (int i = 0; i < m.length; i++) {
      m[i] = truth[i] > 0 ? (byte) 1 : 0;
    }
    assertEquals(1, ConnectedComponents.count(ConnectedComponents.label(m, w, h, true)));
    double[] dist = DistanceTransform.edt(m, w, h);
    byte[] peaks = Markers.hMaxima(dist, w, h, 2.0);
    int[] markers = ConnectedComponents.label(peaks, w, h, true);
    assertEquals(2, ConnectedComponents.count(markers));
    double[] neg = new double[dist.length];
    for (int i = 0; i < neg.length; i++) {
      neg[i] = -dist[i];
    }
    int[] ws = Watershed.flood(neg, markers, m, w, h, false);
    assertEquals(2, ConnectedComponents.count(ws));
    // each watershed region overlaps one true disk almost entirely
    int agree = 0;
    int fg = 0;
    int l1 = ws[35 * w + 35];
    for (int i = 0; i < ws.length; i++) {
      if (truth[i] > 0) {
        fg++;
        if ((truth[i] == 1) == (ws[i] == l1)) {
          agree++;
        }
      }
    }
    assertTrue(agree > 0.97 * fg, "agreement " + agree + "/" + fg);
    byte[] pk = Markers.peakLocalMax(dist, m, w, h, 10, 3);
    assertEquals(2, ConnectedComponents.count(ConnectedComponents.label(pk, w, h, true)));
  }

  @Test
  void reconstructionOfPlateausKeepsRegionalMaxima() {
    // 1-D like profile: two plateaus of height 5 and 3 separated by 1
    int w = 9;
    double[] img = {1, 5, 5, 1, 1, 3, 3, 1, 1};
    byte[] h2 = Markers.hMaxima(img, w, 1, 2.0);
    assertArrayEquals(new byte[] {0, 1, 1, 0, 0, 1, 1, 0, 0}, h2);
    byte[] h3 = Markers.hMaxima(img, w, 1, 3.0);
    assertArrayEquals(new byte[] {0, 1, 1, 0, 0, 0, 0, 0, 0}, h3);
  }
}
