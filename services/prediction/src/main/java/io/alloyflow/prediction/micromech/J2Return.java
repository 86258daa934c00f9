package io.alloyflow.prediction.micromech;

/**
 * Radial-return mapping of small-strain J2 plasticity with isotropic hardening (Simo and Hughes,
 * "Computational Inelasticity", Springer 1998, Box 3.2), for one material point in plane strain:
 * components are (xx, yy, zz, xy) with tensor shear, total strain zz = 0.
 */
public final class J2Return {

  private J2Return() {}

  /**
   * Stress and updated plastic state at total strain (exx, eyy, exy), starting from the committed
   * plastic strain {@code ep} (xx, yy, zz, xy) and accumulated plastic strain {@code p}.
   *
   * @param out receives sxx, syy, szz, sxy, epxx, epyy, epzz, epxy, p (length 9)
   */
  public static void update(
      double lambda, double mu, FlowCurve flow, double exx, double eyy, double exy, double epxx,
      double epyy, double epzz, double epxy, double p, double[] out) {
    double eexx = exx - epxx;
    double eeyy = eyy - epyy;
    double eezz = -epzz;
    double eexy = exy - epxy;
    double tr = eexx + eeyy + eezz;
    double sxx = lambda * tr + 2 * mu * eexx;
    double syy = lambda * tr + 2 * mu * eeyy;
    double szz = lambda * tr + 2 * mu * eezz;
    double sxy = 2 * mu * eexy;
    double m = (sxx + syy + szz) / 3;
    double dxx = sxx - m;
    double dyy = syy - m;
    double dzz = szz - m;
    double q = Math.sqrt(1.5 * (dxx * dxx + dyy * dyy + dzz * dzz + 2 * sxy * sxy));
    double f = q - flow.stress(p);
    if (f <= 1e-9 * flow.sigma0Pa()) {
      out[0] = sxx;
      out[1] = syy;
      out[2] = szz;
      out[3] = sxy;
      out[4] = epxx;
      out[5] = epyy;
      out[6] = epzz;
      out[7] = epxy;
      out[8] = p;
      return;
    }
    double dp = solveIncrement(q, mu, flow, p);
    double scale = 1 - 3 * mu * dp / q;
    double nxx = 1.5 * dxx / q;
    double nyy = 1.5 * dyy / q;
    double nzz = 1.5 * dzz / q;
    double nxy = 1.5 * sxy / q;
    out[0] = m + scale * dxx;
    out[1] = m + scale * dyy;
    out[2] = m + scale * dzz;
    out[3] = scale * sxy;
    out[4] = epxx + dp * nxx;
    out[5] = epyy + dp * nyy;
    out[6] = epzz + dp * nzz;
    out[7] = epxy + dp * nxy;
    out[8] = p + dp;
  }

  /** Solves q - 3 mu dp - sigma_y(p + dp) = 0 for dp in (0, q / 3mu): safeguarded Newton. */
  static double solveIncrement(double q, double mu, FlowCurve flow, double p) {
    double lo = 0;
    double hi = q / (3 * mu);
    double x = 0.5 * (lo + hi) * 1e-3;
    for (int it = 0; it < 100; it++) {
      double g = q - 3 * mu * x - flow.stress(p + x);
      if (g > 0) {
        lo = x;
      } else {
        hi = x;
      }
      double dg = -3 * mu - flow.slope(p + x);
      double next = x - g / dg;
      if (!(next > lo && next < hi) || Double.isNaN(next)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - x) <= 1e-14 + 1e-12 * Math.abs(x) || hi - lo < 1e-16) {
        return next;
      }
      x = next;
    }
    return x;
  }

  /**
   * Homogeneous material-point driver for plane-strain uniaxial tension: total strain xx rises
   * in {@code steps} equal increments to {@code exxEnd}, strain zz = 0, stress yy = 0 (found by
   * Newton on eyy). Returns sigma_xx at the end. An independent reference for the FFT solver.
   */
  public static double planeStrainTension(
      Isotropic el, FlowCurve flow, double exxEnd, int steps) {
    double lambda = el.lambda();
    double mu = el.mu();
    double[] st = new double[9];
    double[] trial = new double[9];
    double eyy = 0;
    for (int s = 1; s <= steps; s++) {
      double exx = exxEnd * s / steps;
      for (int it = 0; it < 100; it++) {
        update(lambda, mu, flow, exx, eyy, 0, st[4], st[5], st[6], st[7], st[8], trial);
        double syy = trial[1];
        double h = 1e-7 * Math.max(Math.abs(exx), 1e-6);
        double[] t2 = new double[9];
        update(lambda, mu, flow, exx, eyy + h, 0, st[4], st[5], st[6], st[7], st[8], t2);
        double d = (t2[1] - syy) / h;
        eyy -= syy / d;
        if (Math.abs(syy) < 1e-10 * Math.max(1, Math.abs(trial[0]))) {
          break;
        }
      }
      update(lambda, mu, flow, exx, eyy, 0, st[4], st[5], st[6], st[7], st[8], trial);
      st = trial.clone();
    }
    return st[0];
  }
}
