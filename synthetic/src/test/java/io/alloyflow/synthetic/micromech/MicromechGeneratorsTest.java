package io.alloyflow.synthetic.micromech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MicromechGeneratorsTest {

  @Test
  void dpMapsHitTheRequestedFractionAndAreReproducible() {
    var p = new DpPhaseMaps.Params(32, 0.3, 2, 0.5, 3);
    int[] a = DpPhaseMaps.generate(p, 4);
    int[] b = DpPhaseMaps.generate(p, 4);
    assertArrayEquals(a, b);
    int s = 0;
    for (int v : a) {
      s += v;
    }
    assertEquals(Math.round(0.3 * 1024), s);
    assertTrue(!java.util.Arrays.equals(a, DpPhaseMaps.generate(p, 5)));
  }

  @Test
  void strongBandingMakesRowsDifferMoreThanColumns() {
    int[] m = DpPhaseMaps.generate(new DpPhaseMaps.Params(64, 0.3, 1.5, 1.0, 4), 9);
    double rowVar = 0;
    double colVar = 0;
    for (int k = 0; k < 64; k++) {
      double r = 0;
      double c = 0;
      for (int j = 0; j < 64; j++) {
        r += m[k * 64 + j];
        c += m[j * 64 + k];
      }
      rowVar += Math.pow(r / 64 - 0.3, 2);
      colVar += Math.pow(c / 64 - 0.3, 2);
    }
    assertTrue(rowVar > 4 * colVar, rowVar + " vs " + colVar);
  }

  @Test
  void fibreGrainsPutTheRequestedCrystalAxisAlongX() {
    var v = GrainVolumes.generate(new GrainVolumes.Params(8, 6, 1.0), 3);
    for (double[] g : v.orientation()) {
      // first column of g is sample x in crystal coordinates
      assertEquals(1 / Math.sqrt(3), Math.abs(g[0]), 1e-12);
      assertEquals(1 / Math.sqrt(3), Math.abs(g[3]), 1e-12);
      assertEquals(1 / Math.sqrt(3), Math.abs(g[6]), 1e-12);
      // orthonormal rows
      for (int r = 0; r < 3; r++) {
        double n = g[3 * r] * g[3 * r] + g[3 * r + 1] * g[3 * r + 1] + g[3 * r + 2] * g[3 * r + 2];
        assertEquals(1, n, 1e-12);
      }
    }
    for (int id : v.grainId()) {
      assertTrue(id >= 0 && id < 6);
    }
  }

  @Test
  void badParametersAreRejected() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new DpPhaseMaps.Params(32, 0.9, 2, 0, 2));
    assertTrue(e.getMessage().contains("martensite fraction"));
    assertThrows(IllegalArgumentException.class, () -> new GrainVolumes.Params(8, 100, 0));
  }
}
