package io.alloyflow.eds.calibration;

/**
 * A Gaussian fitted to the top of one peak of a net (background-subtracted) spectrum: a weighted
 * least-squares parabola through the logarithm of the counts, ln y = a + b x + c x^2 with x the
 * channel offset from the peak's top channel (Caruana, Searle and Shupe 1986; weights y^2 as Guo
 * 2011, IEEE Signal Processing Magazine 28, 134, which undo the noise amplification of the log).
 * Used by the energy calibrator (peak centre) and the resolution estimator (peak width).
 *
 * @param shiftChannels centre of the Gaussian relative to the top channel, -b / 2c
 * @param sigmaChannels standard deviation in channels, sqrt(-1 / 2c)
 */
record GaussianTopFit(double shiftChannels, double sigmaChannels) {

  /**
   * Fits the channels within {@code halfWidth} of {@code peak} whose counts are at least
   * {@code floorFraction} of the top's.
   *
   * @return the fit, or null when the normal equations are singular or the parabola does not open
   *     downwards (no peak shape in the window)
   */
  static GaussianTopFit fit(double[] net, int peak, int halfWidth, double floorFraction) {
    double top = net[peak];
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
    for (int d = -halfWidth; d <= halfWidth; d++) {
      int c = peak + d;
      if (c < 0 || c >= net.length || net[c] < floorFraction * top) {
        continue;
      }
      double y = net[c];
      double w = y * y;
      double ly = Math.log(y);
      s0 += w;
      s1 += w * d;
      s2 += w * d * d;
      s3 += w * d * d * d;
      s4 += w * d * d * d * d;
      t0 += w * ly;
      t1 += w * d * ly;
      t2 += w * d * d * ly;
    }
    // Cramer's rule on the 3x3 normal equations
    double det = det3(new double[][] {{s0, s1, s2}, {s1, s2, s3}, {s2, s3, s4}});
    if (Math.abs(det) < 1e-300) {
      return null;
    }
    double b = det3(new double[][] {{s0, t0, s2}, {s1, t1, s3}, {s2, t2, s4}}) / det;
    double c = det3(new double[][] {{s0, s1, t0}, {s1, s2, t1}, {s2, s3, t2}}) / det;
    if (!(c < 0)) {
      return null;
    }
    return new GaussianTopFit(-b / (2 * c), Math.sqrt(-1 / (2 * c)));
  }

  private static double det3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }
}
