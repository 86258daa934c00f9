package io.alloyflow.synthetic.truth;

/**
 * Mean lineal intercept grain size by the Heyn/Abrams intercept procedure of ASTM E112-13
 * ("Standard Test Methods for Determining Average Grain Size", ASTM International, 2013,
 * sections 12-16), applied with a dense family of test lines: every image row and every image
 * column is a test line, and each change of grain label between neighbouring pixels on a line
 * is one boundary intersection P. The mean lineal intercept is L = L_T / P with L_T the total
 * test-line length (line ends at the image edge are not counted as intersections, as E112
 * prescribes for straight lines).
 *
 * <p>The ASTM grain size number follows E112 eq. (8): G = -6.643856 log10(L / mm) - 3.288.
 */
public final class LinealIntercept {

  private LinealIntercept() {}

  /**
   * Result of an intercept measurement.
   *
   * @param meanInterceptPx mean lineal intercept in pixels (both directions pooled)
   * @param horizontalPx mean intercept along rows (x direction)
   * @param verticalPx mean intercept along columns (y direction)
   * @param intersections total boundary intersections counted
   * @param lineLengthPx total test-line length in pixels
   */
  public record Result(
      double meanInterceptPx,
      double horizontalPx,
      double verticalPx,
      long intersections,
      double lineLengthPx) {

    /** Anisotropy index L_x / L_y (ASTM E1268 style; 1 for an equiaxed structure). */
    public double anisotropyIndex() {
      return horizontalPx / verticalPx;
    }

    /** Mean intercept in metres for a pixel size in metres. */
    public double meanInterceptM(double pixelSizeM) {
      return meanInterceptPx * pixelSizeM;
    }
  }

  /** Measures a 2D label image (grain ids). */
  public static Result measure(int[] labels, int width, int height) {
    long ph = 0;
    long pv = 0;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x + 1 < width; x++) {
        if (labels[row + x] != labels[row + x + 1]) {
          ph++;
        }
      }
    }
    for (int y = 0; y + 1 < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        if (labels[row + x] != labels[row + width + x]) {
          pv++;
        }
      }
    }
    double lh = (double) height * (width - 1);
    double lv = (double) width * (height - 1);
    return result(ph, pv, lh, lv);
  }

  /**
   * Measures intercepts only inside a phase: test-line segments are restricted to pixels where
   * {@code inPhase} is true and an intersection is any label change or phase exit on the line.
   */
  public static Result measureWithin(int[] labels, boolean[] inPhase, int width, int height) {
    long ph = 0;
    long pv = 0;
    long lh = 0;
    long lv = 0;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x + 1 < width; x++) {
        int i = row + x;
        if (inPhase[i] || inPhase[i + 1]) {
          lh++;
          if (labels[i] != labels[i + 1] || inPhase[i] != inPhase[i + 1]) {
            ph++;
          }
        }
      }
    }
    for (int y = 0; y + 1 < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        int i = row + x;
        if (inPhase[i] || inPhase[i + width]) {
          lv++;
          if (labels[i] != labels[i + width] || inPhase[i] != inPhase[i + width]) {
            pv++;
          }
        }
      }
    }
    return result(ph, pv, lh, lv);
  }

  /** Measures a 3D voxel label volume with test lines along x, y and z. */
  public static Result measure3d(int[] labels, int nx, int ny, int nz) {
    long px = 0;
    long py = 0;
    long pz = 0;
    int plane = nx * ny;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        int row = z * plane + y * nx;
        for (int x = 0; x < nx; x++) {
          int i = row + x;
          if (x + 1 < nx && labels[i] != labels[i + 1]) {
            px++;
          }
          if (y + 1 < ny && labels[i] != labels[i + nx]) {
            py++;
          }
          if (z + 1 < nz && labels[i] != labels[i + plane]) {
            pz++;
          }
        }
      }
    }
    double lx = (double) (nx - 1) * ny * nz;
    double ly = (double) nx * (ny - 1) * nz;
    double lz = (double) nx * ny * (nz - 1);
    long p = px + py + pz;
    double mean = p == 0 ? Double.POSITIVE_INFINITY : (lx + ly + lz) / p;
    return new Result(
        mean,
        px == 0 ? Double.POSITIVE_INFINITY : lx / px,
        py == 0 ? Double.POSITIVE_INFINITY : ly / py,
        p,
        lx + ly + lz);
  }

  private static Result result(long ph, long pv, double lh, double lv) {
    long p = ph + pv;
    return new Result(
        p == 0 ? Double.POSITIVE_INFINITY : (lh + lv) / p,
        ph == 0 ? Double.POSITIVE_INFINITY : lh / ph,
        pv == 0 ? Double.POSITIVE_INFINITY : lv / pv,
        p,
        lh + lv);
  }

  /** ASTM E112 grain size number G from a mean lineal intercept in metres. */
  public static double astmGrainSizeNumber(double meanInterceptM) {
    double mm = meanInterceptM * 1e3;
    return -6.643856 * Math.log10(mm) - 3.288;
  }
}
