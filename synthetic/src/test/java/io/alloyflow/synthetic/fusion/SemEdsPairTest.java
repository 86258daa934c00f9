package io.alloyflow.synthetic.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SemEdsPairTest {

  @Test
  void trueMatrixInvertsTheEdsToSemTransformAndGeometryFollowsTheParameters() {
    SemEdsPair.Params p = new SemEdsPair.Params(16, 12, 2e-6, 5, 5, 3, 0.2, 0.02, 0.005, 1, 500,
        512, 1.55);
    SemEdsPair pair = SemEdsPair.aluminium(p, 3);
    assertEquals(80, pair.sem().width());
    assertEquals(60, pair.sem().height());
    assertEquals(16, pair.spectrumImage().width());
    assertEquals(0.4e-6, pair.sem().pixelSizeM(), 1e-12);
    double[][] m = pair.semToEds();
    for (double[] uv : new double[][] {{0.5, 0.5}, {15.5, 3.25}, {7, 11.5}}) {
      double[] xy = pair.edsToSem().toSem(uv[0], uv[1]);
      assertEquals(uv[0], m[0][0] * xy[0] + m[0][1] * xy[1] + m[0][2], 1e-9);
      assertEquals(uv[1], m[1][0] * xy[0] + m[1][1] * xy[1] + m[1][2], 1e-9);
    }
    assertTrue(Math.abs(pair.edsToSem().rotationDeg()) <= 3);
    assertEquals(5, pair.edsToSem().scale(), 5 * 0.02 + 1e-9);
    assertEquals(pair.sem().width() * pair.sem().height(), pair.semLabels().labels().length);
  }

  @Test
  void marginTooSmallForTheShiftsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new SemEdsPair.Params(16, 16, 2e-6, 4, 4,
        3, 0.25, 0.02, 0.02, 1, 200, 512, 1.2));
  }
}
