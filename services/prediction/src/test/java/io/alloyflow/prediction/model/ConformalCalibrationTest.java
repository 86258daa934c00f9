package io.alloyflow.prediction.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Calibrated on one sample of heteroscedastic residuals, the intervals cover a fresh sample. */
class ConformalCalibrationTest {
  @Test
  void coverageIsNominalOnFreshData() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 4000;
    double[][] cal = sample(r, n);
    ConformalCalibration c = ConformalCalibration.fit(cal[0], cal[1], cal[2]);
    double[][] test = sample(r, n);
    int in68 = 0;
    int in95 = 0;
    for (int i = 0; i < n; i++) {
      double res = Math.abs(test[0][i] - test[1][i]);
      in68 += res <= c.sigma(test[2][i]) ? 1 : 0;
      in95 += res <= c.halfWidth95(test[2][i]) ? 1 : 0;
    }
    assertEquals(0.683, in68 / (double) n, 0.03);
    assertEquals(0.95, in95 / (double) n, 0.02);
  }

  /** y, mean, std: the true error sd is 2 x the reported spread + 5. */
  static double[][] sample(SplittableRandom r, int n) {
    double[] y = new double[n];
    double[] m = new double[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextDouble(1, 20);
      m[i] = 300;
      double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      y[i] = m[i] + (2 * s[i] + 5) * g;
    }
    return new double[][] {y, m, s};
  }
}
