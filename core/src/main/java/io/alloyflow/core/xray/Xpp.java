package io.alloyflow.core.xray;

/**
 * The XPP phi(rho z) of Pouchou and Pichoir (1991, see {@link PouchouPichoir}): phi(rho z) = A
 * exp(-a rho z) + (B rho z + phi0 - A) exp(-b rho z), fixed by the area F, the surface ionisation
 * phi0, the mean depth R-bar (F/R-bar = 1 + X ln(1 + Y (1 - U0^-0.42)) / ln(1 + Y), X = 1 + 1.3
 * ln Z_b, Y = 0.2 + Z_b/200) and the initial slope P = g h^4 F / R-bar^2 (g = 0.22 ln(4 Z_b) (1 -
 * 2 exp(-Z_b (U0 - 1)/15)), h = 1 - 10 (1 - 1/(1 + U0/10)) / Z_b^2, limited to 0.9 b R-bar^2 (b -
 * 2 phi0/F)). Characteristic and continuum fluorescence are not part of it.
 *
 * @param phi0 surface ionisation
 * @param a first exponent, cm^2/g
 * @param b second exponent, cm^2/g
 * @param bigA amplitude A
 * @param bigB slope B, cm^2/g
 * @param area F, g/cm^2
 */
public record Xpp(double phi0, double a, double b, double bigA, double bigB, double area)
    implements PhiRhoZ {

  /**
   * The XPP distribution of one emitting shell (edge edgeKeV, cross-section exponent mExp, {@link
   * PouchouPichoir#crossSectionExponent}) in a matrix at beam energy beamKeV.
   *
   * @throws IllegalArgumentException when the beam does not exceed the edge
   */
  public static Xpp of(Matrix matrix, double edgeKeV, double beamKeV, double mExp) {
    PouchouPichoir.checkEnergies(edgeKeV, beamKeV);
    double u0 = beamKeV / edgeKeV;
    double zb = matrix.backscatterZ();
    double eta = PouchouPichoir.backscatterCoefficient(zb);
    double f = PouchouPichoir.area(matrix, PouchouPichoir.DecelerationLaw.of(matrix), edgeKeV,
        beamKeV, mExp);
    double phi0 = PouchouPichoir.surfaceIonisation(eta, u0);
    double x = 1 + 1.3 * Math.log(zb);
    double y = 0.2 + zb / 200.0;
    double fOverRbar = 1 + x * Math.log(1 + y * (1 - Math.pow(u0, -0.42))) / Math.log(1 + y);
    double rbar = f / fOverRbar;
    if (f / rbar < phi0) {
      rbar = f / phi0;
    }
    double gg = 0.22 * Math.log(4 * zb) * (1 - 2 * Math.exp(-zb * (u0 - 1) / 15.0));
    double h = 1 - 10 * (1 - 1 / (1 + u0 / 10.0)) / (zb * zb);
    double b = Math.sqrt(2) * (1 + Math.sqrt(Math.max(0, 1 - rbar * phi0 / f))) / rbar;
    double gh4 = gg * Math.pow(h, 4);
    double lim = 0.9 * b * rbar * rbar * (b - 2 * phi0 / f);
    gh4 = Math.min(gh4, lim);
    double pp = gh4 * f / (rbar * rbar);
    double a = (pp + b * (2 * phi0 - b * f)) / (b * f * (2 - b * rbar) - phi0);
    double eps = (a - b) / b;
    if (Math.abs(eps) < 1e-6) {
      eps = 1e-6;
      a = b * (1 + eps);
    }
    double bigB = (b * b * f * (1 + eps) - pp - phi0 * b * (2 + eps)) / eps;
    double bigA = (bigB / b + phi0 - b * f) * (1 + eps) / eps;
    return new Xpp(phi0, a, b, bigA, bigB, f);
  }

  @Override
  public double emitted(double chi) {
    if (!(chi >= 0)) {
      throw new IllegalArgumentException("chi must be >= 0 cm^2/g, found " + chi);
    }
    return (phi0 - bigA) / (b + chi) + bigA / (a + chi) + bigB / ((b + chi) * (b + chi));
  }

  @Override
  public double phi(double rhoZ) {
    if (rhoZ < 0) {
      return 0;
    }
    return bigA * Math.exp(-a * rhoZ) + (bigB * rhoZ + phi0 - bigA) * Math.exp(-b * rhoZ);
  }
}
