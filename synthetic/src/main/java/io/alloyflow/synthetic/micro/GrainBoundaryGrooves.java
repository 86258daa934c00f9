package io.alloyflow.synthetic.micro;

/**
 * Etched grain-boundary grooves and the dark lines they make in SEM images.
 *
 * <p>Groove shape: W. W. Mullins, "Theory of thermal grooving", J. Appl. Phys. 28 (1957) 333.
 * For grooving by surface diffusion the profile is self-similar, y(x, t) = m (Bt)^(1/4)
 * Z(x / (Bt)^(1/4)), with Z(u) = sum a_n u^n, a0 = -1/(sqrt(2) Gamma(5/4)), a1 = 1,
 * a2 = -1/(2 sqrt(2) Gamma(3/4)), a3 = 0, a(n+4) = a(n) (n - 1) / (4 (n+1)(n+2)(n+3)(n+4)); m is
 * the root slope (tan of the groove-root angle, m = gamma_gb / (2 gamma_s) for thermal
 * grooving). The ridges lie at u = +-2.30, so the ridge-to-ridge width is w = 4.6 (Bt)^(1/4)
 * and the depth below the ridges d = 0.973 m (Bt)^(1/4) (Mullins' results, reproduced by the
 * series here). The groove is specified by w and d; chemical grain-boundary etching (e.g. nital
 * on ferrite) attacks the boundary preferentially and gives deeper grooves (larger m) than
 * thermal grooving, so the Mullins shape is used here as the groove shape with w and d as
 * parameters (defaults {@link #DEFAULT_WIDTH_M} and {@link #DEFAULT_DEPTH_M}), not as a
 * prediction from B and t.
 *
 * <p>Contrast: electrons emitted inside the groove partly hit the opposite wall and are not
 * collected. For a point of the profile with surface normal n and a Lambertian (cosine)
 * emission in the plane normal to the boundary, the escaping fraction is [sin(a2 - a_n) -
 * sin(a1 - a_n)] / 2, where [a1, a2] is the range of directions not blocked by the profile (its
 * horizons on both sides, limited to the half-plane above the local surface): the 2D view factor
 * to the open sky (crossed-strings rule, H. C. Hottel and A. F. Sarofim, Radiative Transfer,
 * McGraw-Hill 1967, ch. 2). The pixel's yield factor is the mean escaping fraction over 5 x 5
 * sub-samples, the distance of each sub-sample to the boundary being its distance to the nearest
 * pixel of another grain (the boundary of the truth grain map). This trapping term holds for SE
 * (eV energies, nm escape depth) and for low-loss BSE; for high-energy BSE a groove only ~0.1 um
 * deep is partly transparent, so in pure-BSE images the modelled darkening is an upper bound.
 * The tilt-dependence of emission (secant law) is not included in this factor.
 */
public final class GrainBoundaryGrooves {

  private GrainBoundaryGrooves() {}

  /** Default ridge-to-ridge groove width (m). */
  public static final double DEFAULT_WIDTH_M = 0.4e-6;

  /** Default groove depth below the ridges (m). */
  public static final double DEFAULT_DEPTH_M = 0.1e-6;

  /** Mullins' ridge position u and width / depth constants (computed from the series). */
  static final double U_RIDGE;
  static final double Z_RIDGE;

  private static final double[] A = new double[80];

  static {
    A[0] = -1 / (Math.sqrt(2) * gamma(1.25));
    A[1] = 1;
    A[2] = -1 / (2 * Math.sqrt(2) * gamma(0.75));
    A[3] = 0;
    for (int k = 0; k + 4 < A.length; k++) {
      A[k + 4] = A[k] * (k - 1) / (4.0 * (k + 1) * (k + 2) * (k + 3) * (k + 4));
    }
    double best = -1e9;
    double ub = 0;
    for (int i = 0; i <= 4000; i++) {
      double u = i * 0.001;
      double z = z(u);
      if (z > best) {
        best = z;
        ub = u;
      }
    }
    U_RIDGE = ub;
    Z_RIDGE = best;
  }

  /** Groove geometry. */
  public record Params(double widthM, double depthM) {

    public Params {
      if (!(widthM > 0) || !(depthM > 0) || !Double.isFinite(widthM)
          || !Double.isFinite(depthM)) {
        throw new IllegalArgumentException("groove width and depth must be positive lengths,"
            + " found width " + widthM + " m, depth " + depthM + " m");
      }
    }

    public static Params defaults() {
      return new Params(DEFAULT_WIDTH_M, DEFAULT_DEPTH_M);
    }

    /** Mullins' length scale (Bt)^(1/4) = w / (2 u_ridge). */
    public double scaleM() {
      return widthM / (2 * U_RIDGE);
    }

    /** Root slope m = d / ((Z_ridge - Z(0)) (Bt)^(1/4)). */
    public double rootSlope() {
      return depthM / ((Z_RIDGE - A[0]) * scaleM());
    }
  }

  /** Mullins' dimensionless profile Z(u) for u >= 0 (0 beyond u = 7, where |Z| < 0.01). */
  public static double z(double u) {
    u = Math.abs(u);
    if (u > 7) {
      return 0;
    }
    double s = 0;
    double p = 1;
    for (double a : A) {
      s += a * p;
      p *= u;
    }
    return s;
  }

  private static double zPrime(double u) {
    double s = 0;
    double p = 1;
    for (int k = 1; k < A.length; k++) {
      s += k * A[k] * p;
      p *= u;
    }
    return s;
  }

  /**
   * Escaping fraction as a function of the distance to the boundary: {@code table[j]} at distance
   * {@code j * stepM}; beyond the table the surface is flat (1).
   */
  record EscapeTable(double[] table, double stepM) {
    double at(double distM) {
      double t = distM / stepM;
      int j = (int) t;
      if (j >= table.length - 1) {
        return 1;
      }
      double f = t - j;
      return table[j] * (1 - f) + table[j + 1] * f;
    }

    double rangeM() {
      return (table.length - 1) * stepM;
    }
  }

  /** Escaping fraction along the profile (symmetric about the boundary). */
  static EscapeTable escapeTable(Params p) {
    double s = p.scaleM();
    double m = p.rootSlope();
    int half = 700;
    double du = 7.0 / half;
    int np = 2 * half + 1;
    double[] x = new double[np];
    double[] y = new double[np];
    for (int i = 0; i < np; i++) {
      double u = (i - half) * du;
      x[i] = u;
      y[i] = m * z(u);
    }
    double[] out = new double[half + 1];
    for (int j = 0; j <= half; j++) {
      int i = half + j;
      double slope = j == 0 ? m : m * zPrime(x[i]);
      double an = Math.atan2(1, -slope);
      double right = 0; // flat surface far away on the right
      for (int k = i + 1; k < np; k++) {
        right = Math.max(right, Math.atan2(y[k] - y[i], x[k] - x[i]));
      }
      double left = Math.PI;
      for (int k = 0; k < i; k++) {
        double a = Math.atan2(y[k] - y[i], x[k] - x[i]);
        left = Math.min(left, a < 0 ? a + 2 * Math.PI : a); // below-left: beyond pi
      }
      double a1 = Math.max(right, an - Math.PI / 2);
      double a2 = Math.min(left, an + Math.PI / 2);
      double f = a2 > a1 ? (Math.sin(a2 - an) - Math.sin(a1 - an)) / 2 : 0;
      out[j] = Math.min(1, Math.max(0, f));
    }
    return new EscapeTable(out, du * s);
  }

  /** Statistics of a rendering. */
  public record Result(float[] factor, double rootEscape, double minPixelFactor) {}

  /**
   * Per-pixel yield factor of the grooves along the boundaries of {@code grainIds}.
   *
   * @param grainIds grain id per pixel
   * @param pixelSizeM pixel size (m)
   */
  public static Result render(int[] grainIds, int w, int h, double pixelSizeM, Params p) {
    EscapeTable t = escapeTable(p);
    int n = w * h;
    float[] out = new float[n];
    java.util.Arrays.fill(out, 1f);
    int r = (int) Math.ceil(t.rangeM() / pixelSizeM) + 1;
    final int ss = 5;
    double minF = 1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        int g = grainIds[i];
        int y0 = Math.max(0, y - r);
        int y1 = Math.min(h - 1, y + r);
        int x0 = Math.max(0, x - r);
        int x1 = Math.min(w - 1, x + r);
        boolean near = false;
        for (int qy = y0; qy <= y1 && !near; qy++) {
          for (int qx = x0; qx <= x1; qx++) {
            if (grainIds[qy * w + qx] != g) {
              near = true;
              break;
            }
          }
        }
        if (!near) {
          continue;
        }
        double sum = 0;
        for (int sy = 0; sy < ss; sy++) {
          double py = y + (sy + 0.5) / ss;
          for (int sx = 0; sx < ss; sx++) {
            double px = x + (sx + 0.5) / ss;
            double best = Double.MAX_VALUE;
            for (int qy = y0; qy <= y1; qy++) {
              for (int qx = x0; qx <= x1; qx++) {
                if (grainIds[qy * w + qx] == g) {
                  continue;
                }
                double dx = Math.max(0, Math.max(qx - px, px - (qx + 1)));
                double dy = Math.max(0, Math.max(qy - py, py - (qy + 1)));
                best = Math.min(best, dx * dx + dy * dy);
              }
            }
            sum += t.at(Math.sqrt(best) * pixelSizeM);
          }
        }
        out[i] = (float) (sum / (ss * ss));
        minF = Math.min(minF, out[i]);
      }
    }
    return new Result(out, t.table()[0], minF);
  }

  /** Lanczos approximation of Gamma(x) for x > 0 (g = 7, n = 9). */
  static double gamma(double x) {
    double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
    }
    x -= 1;
    double a = c[0];
    double tt = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += c[i] / (x + i);
    }
    return Math.sqrt(2 * Math.PI) * Math.pow(tt, x + 0.5) * Math.exp(-tt) * a;
  }
}
