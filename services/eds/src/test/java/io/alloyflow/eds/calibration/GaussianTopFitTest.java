package io.alloyflow.eds.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GaussianTopFitTest {

  private static double[] gaussian(int n, double centre, double sigma, double height) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = height * Math.exp(-0.5 * Math.pow((i - centre) / sigma, 2));
    }
    return y;
  }

  @Test
  void aNoiseFreeGaussianIsRecoveredExactly() {
    double[] y = gaussian(200, 100.37, 3.2, 1000);
    GaussianTopFit fit = GaussianTopFit.fit(y, 100, 12, 0.25);
    assertEquals(0.37, fit.shiftChannels(), 1e-9);
    assertEquals(3.2, fit.sigmaChannels(), 1e-9);
    assertEquals(100.37, EnergyCalibrator.centroid(y, 100), 1e-9);
    assertEquals(2.354820045 * 3.2 * 10.0, ResolutionEstimator.peakFwhmEv(y, 100, 10.0), 1e-6);
  }

  @Test
  void aWindowWithoutAPeakShapeGivesNoFit() {
    double[] valley = new double[50];
    for (int i = 0; i < valley.length; i++) {
      valley[i] = 10 + (i - 25) * (i - 25);
    }
    assertNull(GaussianTopFit.fit(valley, 25, 5, 0.0));
    assertEquals(Double.NaN, EnergyCalibrator.centroid(valley, 25));
  }
}
