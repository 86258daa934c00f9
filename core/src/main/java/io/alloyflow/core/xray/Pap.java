package io.alloyflow.core.xray;

/**
 * The full PAP phi(rho z) of Pouchou and Pichoir (1991, see {@link PouchouPichoir}): two
 * parabolas, phi = A1 (rho z - R_m)^2 + phi0 - A1 R_m^2 down to the junction R_c and A2 (rho z -
 * R_x)^2 from R_c to the deepest ionisation R_x, 0 deeper, with the area F and surface ionisation
 * phi0 shared with XPP. R_x = q D R_0 with R_0 the ionisation range of the deceleration law, q =
 * q0 + (1 - q0) exp(-(U0 - 1) Z/40), q0 = 1 - 0.535 exp(-(21/Z_n)^1.2) - 2.5e-4 (Z_n/20)^3.5, D
 * = 1 + U0^-(Z^0.45); R_m = G1 G2 G3 R_x with G1 = 0.11 + 0.41 exp(-(Z/12.75)^0.75), G2 = 1 -
 * exp(-(U0 - 1)^0.35 / 1.19), G3 = 1 - exp(-(U0 - 0.5) Z^0.4 / 4) (Z mass-averaged, Z_n
 * log-averaged); R_c from the area condition, with P&amp;P's fallback for R_m when it has no real
 * root.
 *
 * @param phi0 surface ionisation
 * @param rm depth of the maximum of the first parabola, g/cm^2
 * @param rc junction of the parabolas, g/cm^2
 * @param rx deepest ionisation, g/cm^2
 * @param a1 curvature of the first parabola
 * @param a2 curvature of the second parabola
 * @param area F, g/cm^2
 */
public record Pap(double phi0, double rm, double rc, double rx, double a1, double a2,
    double area) implements PhiRhoZ {

  /**
   * The PAP distribution of one emitting shell (edge edgeKeV, cross-section exponent mExp) in a
   * matrix at beam energy beamKeV.
   *
   * @throws IllegalArgumentException when the beam does not exceed the edge, or at overvoltages
   *     so close to 1 that P&amp;P's parabolas have no solution
   */
  public static Pap of(Matrix matrix, double edgeKeV, double beamKeV, double mExp) {
    PouchouPichoir.checkEnergies(edgeKeV, beamKeV);
    PouchouPichoir.DecelerationLaw law = PouchouPichoir.DecelerationLaw.of(matrix);
    double f = PouchouPichoir.area(matrix, law, edgeKeV, beamKeV, mExp);
    double u0 = beamKeV / edgeKeV;
    double eta = PouchouPichoir.backscatterCoefficient(matrix.backscatterZ());
    double phi0 = PouchouPichoir.surfaceIonisation(eta, u0);
    double zBar = matrix.meanZ();
    double zBarN = matrix.logMeanZ();
    double r0 = law.ionisationRange(edgeKeV, beamKeV);
    double q0 = 1 - 0.535 * Math.exp(-Math.pow(21 / zBarN, 1.2))
        - 2.5e-4 * Math.pow(zBarN / 20, 3.5);
    double q = q0 + (1 - q0) * Math.exp((1 - u0) / (40 / zBar));
    double dd = 1 + 1 / Math.pow(u0, Math.pow(zBar, 0.45));
    double rx = q * dd * r0;
    double g1 = 0.11 + 0.41 * Math.exp(-Math.pow(zBar / 12.75, 0.75));
    double g2 = 1 - Math.exp(-Math.pow(u0 - 1, 0.35) / 1.19);
    double g3 = 1 - Math.exp((0.5 - u0) * Math.pow(zBar, 0.4) / 4);
    double rm = g1 * g2 * g3 * rx;
    double tt = f - phi0 * rx / 3;
    double dr = rx - rm;
    double disc = dr * tt * (dr * f - phi0 * rx * (rm + rx / 3));
    double rc;
    if (disc > 0) {
      rc = 1.5 * (tt / phi0 - Math.sqrt(disc) / (phi0 * dr));
    } else {
      rm = rx * (f - phi0 * rx / 3) / (f + phi0 * rx);
      rc = 3 * rm * (f + phi0 * rx) / (2 * phi0 * rx);
      if (!(rm > 0 && rm < rx)) {
        throw new IllegalArgumentException("PAP has no solution at overvoltage " + u0
            + " (edge " + edgeKeV + " keV, beam " + beamKeV + " keV) in " + matrix);
      }
    }
    double a1 = phi0 / (rm * (rc + rx) - rx * rc);
    double a2 = a1 * (rc - rm) / (rc - rx);
    return new Pap(phi0, rm, rc, rx, a1, a2, f);
  }

  @Override
  public double phi(double rhoZ) {
    if (rhoZ < 0) {
      return 0;
    }
    if (rhoZ < rc) {
      return a1 * (rhoZ - rm) * (rhoZ - rm) + phi0 - a1 * rm * rm;
    }
    return rhoZ < rx ? a2 * (rhoZ - rx) * (rhoZ - rx) : 0;
  }

  /**
   * P&amp;P's closed form of the emitted integral (as corrected in DTSA-II); where chi R_x &lt;
   * 0.1 it loses digits to cancellation, and 8-point Gauss-Legendre quadrature of each parabola
   * (exact for a parabola times a nearly linear exponential) is used instead.
   */
  @Override
  public double emitted(double chi) {
    if (!(chi >= 0)) {
      throw new IllegalArgumentException("chi must be >= 0 cm^2/g, found " + chi);
    }
    if (chi * rx < 0.1) {
      return gaussLegendre(0, rc, chi) + gaussLegendre(rc, rx, chi);
    }
    double c2 = chi * chi;
    double f1 = a1 / chi * (((rc - rm) * (rx - rc - 2 / chi) - 2 / c2) * Math.exp(-chi * rc)
        - (rc - rm) * rx + rm * (rc - 2 / chi) + 2 / c2);
    double f2 = a2 / chi * (((rx - rc) * (rx - rc - 2 / chi) + 2 / c2) * Math.exp(-chi * rc)
        - 2 / c2 * Math.exp(-chi * rx));
    return f1 + f2;
  }

  private static final double[] GL_X = {0.1834346424956498, 0.5255324099163290,
      0.7966664774136267, 0.9602898564975363};
  private static final double[] GL_W = {0.3626837833783620, 0.3137066458778873,
      0.2223810344533745, 0.1012285362903763};

  private double gaussLegendre(double lo, double hi, double chi) {
    double mid = 0.5 * (lo + hi);
    double half = 0.5 * (hi - lo);
    double s = 0;
    for (int i = 0; i < GL_X.length; i++) {
      for (int sign = -1; sign <= 1; sign += 2) {
        double x = mid + sign * half * GL_X[i];
        s += GL_W[i] * phi(x) * Math.exp(-chi * x);
      }
    }
    return s * half;
  }
}
