package io.alloyflow.fusion.registration;

/** Error measures of a registration against a known transform. */
public final class RegistrationAccuracy {

  private RegistrationAccuracy() {}

  /**
   * RMS distance, in EDS pixels, between where the true and the estimated SEM-to-EDS transforms
   * put the points of the EDS field: the centres of the EDS grid are mapped to SEM by the true
   * inverse, then to EDS by the estimate, and compared with where they started.
   */
  public static double rmsErrorEdsPx(AffineTransform2D trueSemToEds,
      AffineTransform2D estimatedSemToEds, int semW, int semH, int edsW, int edsH) {
    AffineTransform2D back = trueSemToEds.inverse();
    double s = 0;
    for (int v = 0; v < edsH; v++) {
      for (int u = 0; u < edsW; u++) {
        double[] xy = back.apply(u + 0.5, v + 0.5);
        double[] uv = estimatedSemToEds.apply(xy[0], xy[1]);
        s += (uv[0] - u - 0.5) * (uv[0] - u - 0.5) + (uv[1] - v - 0.5) * (uv[1] - v - 0.5);
      }
    }
    return Math.sqrt(s / ((double) edsW * edsH));
  }
}
