package io.alloyflow.segmentation.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.synthetic.micro.Materials;
import io.alloyflow.synthetic.micro.Microstructure;
import io.alloyflow.synthetic.micro.Polycrystal;
import org.junit.jupiter.api.Test;

/**
 * The Heyn 95 % confidence interval is computed over E112 fields (disjoint tiles), not over test
 * lines: drawing the test lines more densely re-counts the same grains and must not make the
 * interval narrower. Had every line been an independent field, going from 20 to 512 lines per
 * direction would shrink the interval about five-fold (sqrt(1024 / 40)).
 */
class HeynConfidenceIntervalTest {

  @Test
  void denserTestLinesDoNotNarrowTheInterval() {
    int size = 512;
    double px = 0.5e-6;
    for (long seed : new long[] {7000, 7001, 7002}) {
      Microstructure m = Polycrystal.generate2d(
          new Polycrystal.Params2d(size, size, px, 10e-6, 0.3, "ferrite", Materials.IRON), seed);
      int[] grains = m.instanceMap().labels();
      GrainSizeResult sparse = GrainSize.heynIntercept(grains, size, size, px, 20);
      GrainSizeResult dense = GrainSize.heynIntercept(grains, size, size, px, size);
      assertEquals(9, sparse.fields(), "512 px at 20 px intercepts: 3x3 fields");
      assertEquals(9, dense.fields());
      assertEquals(sparse.g(), dense.g(), 0.1, "seed " + seed);
      double wSparse = sparse.gHigh() - sparse.gLow();
      double wDense = dense.gHigh() - dense.gLow();
      assertTrue(wDense > 0.5 * wSparse, "seed " + seed + ": CI width " + wDense
          + " with every row and column as a test line vs " + wSparse + " with 20 lines");
      assertTrue(sparse.gLow() < sparse.g() && sparse.g() < sparse.gHigh());
    }
  }

  @Test
  void tooSmallAnImageHasNoInterval() {
    int size = 96;
    double px = 0.5e-6;
    Microstructure m = Polycrystal.generate2d(
        new Polycrystal.Params2d(size, size, px, 10e-6, 0.3, "ferrite", Materials.IRON), 5);
    GrainSizeResult heyn = GrainSize.heynIntercept(m.instanceMap().labels(), size, size, px, 10);
    assertEquals(1, heyn.fields());
    assertTrue(Double.isNaN(heyn.gLow()) && Double.isNaN(heyn.gHigh()));
    assertTrue(Double.isFinite(heyn.g()));
  }
}
