package io.alloyflow.segmentation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alloyflow.segmentation.pixelclassifier.PixelClassifier;
import io.alloyflow.synthetic.sem.SemConditions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The synthetic segmentation targets of issue 17 at the generators' default dose (a recorded
 * micrograph, {@link SemConditions#RECORDED_DOSE_PER_PIXEL}): dual-phase steel mIoU >= 0.95 with
 * the martensite fraction within 0.01, and the segmented ASTM E112 grain size within 0.25 G of the
 * truth, on held-out seeds 7001-7005 (never used for training, selection or tuning: training seeds
 * 1-3, validation seeds 501-502). The default run checks one held-out seed on a smaller training
 * set; {@code -Dalloyflow.slow=true} runs all five seeds at 512 x 512 as {@code ./alloyflow synth}
 * makes them.
 */
class SyntheticTargetsTest {

  /** The held-out test seeds of the synthetic targets. */
  static final long[] HELD_OUT = {7001, 7002, 7003, 7004, 7005};

  static final double DOSE = SemConditions.RECORDED_DOSE_PER_PIXEL;

  static void assertDpSteel(List<DoseStudy.SeedScores> scores) {
    for (DoseStudy.SeedScores s : scores) {
      DoseStudy.Score p = s.pixelClassifier();
      assertTrue(p.miou() >= 0.95, "seed " + s.seed() + ": dp-steel mIoU " + p.miou()
          + " at " + DOSE + " e/px, expected >= 0.95");
      assertEquals(0, p.fractionError(), 0.01, "seed " + s.seed()
          + ": martensite fraction error");
    }
  }

  static void assertGrains(List<DoseStudy.SeedScores> scores) {
    for (DoseStudy.SeedScores s : scores) {
      assertEquals(0, s.pixelClassifier().dG(), 0.25, "seed " + s.seed()
          + ": segmented Heyn G minus truth G at " + DOSE + " e/px");
    }
  }

  @Test
  void dualPhaseSteelMeetsItsTargetOnAHeldOutSeed() {
    assertDpSteel(DoseStudy.evaluate(DoseStudy.Kind.DP_STEEL, 256, DOSE, 2, new long[] {7001},
        PixelClassifier.Settings.defaults().withCapacity(40, 6, 1500), false));
  }

  @Test
  void segmentedGrainSizeMeetsItsTargetOnAHeldOutSeed() {
    assertGrains(DoseStudy.evaluate(DoseStudy.Kind.GRAINS2D, 256, DOSE, 2, new long[] {7001},
        PixelClassifier.Settings.defaults().withCapacity(40, 6, 1500), false));
  }

  @Test
  @EnabledIfSystemProperty(named = "alloyflow.slow", matches = "true")
  void fiveHeldOutSeedsAt512() {
    PixelClassifier.Settings s = PixelClassifier.Settings.defaults();
    assertDpSteel(DoseStudy.evaluate(DoseStudy.Kind.DP_STEEL, 512, DOSE, 3, HELD_OUT, s, false));
    assertGrains(DoseStudy.evaluate(DoseStudy.Kind.GRAINS2D, 512, DOSE, 3, HELD_OUT, s, false));
  }
}
