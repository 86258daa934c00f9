package io.alloyflow.fusion.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.image.SignalType;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhaseStatisticsTest {

  @Test
  void meansAndDeviationsPerLabelMatchTheGeneratingDistributions() {
    int w = 200;
    int h = 100;
    float[] px = new float[w * h];
    int[] lab = new int[w * h];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < px.length; i++) {
      lab[i] = (i % w) < 60 ? 1 : 0; // 30 % label 1
      double mean = lab[i] == 1 ? 3000 : 1000;
      double sd = lab[i] == 1 ? 200 : 100;
      px[i] = (float) (mean + sd * gaussian(r));
    }
    PhaseStatistics s = PhaseStatistics.compute(
        new Micrograph(w, h, px, 16, 1e-7, SignalType.BSE),
        new LabelMap(w, h, lab, List.of("a", "b"), 1e-7));
    assertEquals(14000, s.pixels()[0]);
    assertEquals(6000, s.pixels()[1]);
    assertEquals(1000, s.mean()[0], 3);
    assertEquals(3000, s.mean()[1], 6);
    assertEquals(100, s.sd()[0], 3);
    assertEquals(200, s.sd()[1], 6);
    // |3000-1000| / sqrt(100^2 + 200^2) = 8.94
    assertEquals(8.94, s.minimumSeparation(), 0.1);
  }

  @Test
  void sizeMismatchIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhaseStatistics.compute(
        new Micrograph(4, 4, new float[16], 8, 1e-7, SignalType.BSE),
        new LabelMap(2, 2, new int[4], List.of("a"), 1e-7)));
    assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("4x4"), e.getMessage());
  }

  @Test
  void phasesAreNamedByBrightnessOrderOnlyWhenTheLibraryFits() {
    assertEquals(List.of("martensite", "ferrite"), PhaseLibrary.name("dp-steel", new double[] {900, 100}));
    assertEquals(List.of("ferrite", "martensite"), PhaseLibrary.name("DP-STEEL", new double[] {100, 900}));
    // three classes but a two-phase library: generic names, no guessing
    assertEquals(List.of("phase-0", "phase-2", "phase-1"),
        PhaseLibrary.name("dp-steel", new double[] {1, 9, 5}));
    assertEquals(List.of("phase-1", "phase-0"), PhaseLibrary.name("unknown", new double[] {5, 1}));
  }

  private static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
