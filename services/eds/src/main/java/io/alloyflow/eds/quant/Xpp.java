package io.alloyflow.eds.quant;

import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;

/**
 * The XPP phi(rho z) matrix correction of Pouchou and Pichoir ("Quantitative analysis of
 * homogeneous or stratified microvolumes applying the model PAP", in K.F.J. Heinrich and D.E.
 * Newbury (eds.), Electron Probe Quantitation, Plenum, New York 1991, pp. 31-75). It computes, for
 * one line family of element A in a matrix of given composition, the emitted-intensity integral
 * F(chi) = integral of phi(rho z) exp(-chi rho z) d(rho z) (g/cm^2), which carries the atomic
 * number (stopping power and backscatter) and absorption corrections. The generated intensity of
 * A is proportional to C_A x F(chi), so a k-ratio is C_unk F_unk(chi_unk) / (C_std F_std(chi_std)).
 *
 * <p>Ingredients (equation numbers of the 1991 chapter): mean ionisation potential J_i = Z_i
 * (10.04 + 8.25 exp(-Z_i/11.22)) eV; deceleration law dE/d(rho s) = -(M/J)/f(V) with three-term
 * f(V) (D_k, P_k); ionisation cross-section ln U / (U^m E_c^2) with m = 0.86 + 0.12
 * exp(-(Z_A/5)^2) (K), 0.82 (L), 0.78 (M); backscatter loss factor R from the mean backscatter
 * coefficient of the matrix with Z_b = (sum C_i sqrt Z_i)^2; surface ionisation phi(0) = 1 + 3.3 (1
 * - U0^-r) eta^1.2; mean depth R-bar; and the two-exponential phi(rho z) = A exp(-a rho z) + (B rho
 * z + phi0 - A) exp(-b rho z). Characteristic and continuum fluorescence are not included here
 * (the ZA form of XPP).
 */
public final class Xpp {
  private Xpp() {}

  /** Mean ionisation potential of an element in keV (Pouchou and Pichoir 1991). */
  public static double meanIonizationKeV(int z) {
    return z * (10.04 + 8.25 * Math.exp(-z / 11.22)) / 1000.0;
  }

  /**
   * Emitted-intensity integral F(chi) in g/cm^2.
   *
   * @param z atomic numbers of the matrix
   * @param c mass fractions of the matrix (normalised internally)
   * @param zA emitter
   * @param family line family of the emitter
   * @param edgeEv ionisation edge energy of the emitting shell in eV
   * @param beamEv beam energy in eV
   * @param chi mass absorption coefficient of the line in the matrix divided by sin(takeoff), in
   *     cm^2/g (0 gives the generated intensity F)
   */
  public static double emitted(
      int[] z, double[] c, int zA, Family family, double edgeEv, double beamEv, double chi) {
    Shape s = shape(z, c, zA, family, edgeEv, beamEv);
    return s.emitted(chi);
  }

  /** The phi(rho z) parameters of XPP for one emitter in one matrix. */
  public record Shape(double phi0, double a, double b, double bigA, double bigB, double area)
      implements MatrixCorrection.Shape {
    /** integral of phi(rho z) exp(-chi rho z) over rho z from 0 to infinity. */
    @Override
    public double emitted(double chi) {
      return (phi0 - bigA) / (b + chi) + bigA / (a + chi) + bigB / ((b + chi) * (b + chi));
    }

    /** phi at a mass depth rho z (g/cm^2). */
    public double phi(double rhoZ) {
      return bigA * Math.exp(-a * rhoZ) + (bigB * rhoZ + phi0 - bigA) * Math.exp(-b * rhoZ);
    }
  }

  /** Computes the XPP phi(rho z) shape. */
  public static Shape shape(int[] z, double[] cIn, int zA, Family family, double edgeEv, double beamEv) {
    if (!(beamEv > edgeEv) || !(edgeEv > 0)) {
      throw new IllegalArgumentException(
          "beam energy " + beamEv + " eV does not exceed the edge " + edgeEv + " eV of Z=" + zA);
    }
    double sum = 0;
    for (double v : cIn) {
      sum += Math.max(v, 0);
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("matrix composition has no positive mass fraction");
    }
    double[] c = new double[cIn.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.max(cIn[i], 0) / sum;
    }
    double e0 = beamEv / 1000.0;
    double el = edgeEv / 1000.0;
    double u0 = e0 / el;
    // M and mean ionisation potential J (eq. 2-4)
    double m = 0;
    double lnJ = 0;
    double zbSqrt = 0;
    for (int i = 0; i < z.length; i++) {
      double za = c[i] * z[i] / XrayData.atomicWeight(z[i]);
      m += za;
      lnJ += za * Math.log(meanIonizationKeV(z[i]));
      zbSqrt += c[i] * Math.sqrt(z[i]);
    }
    lnJ /= m;
    double j = Math.exp(lnJ);
    double zb = zbSqrt * zbSqrt;
    double[] d = {6.6e-6, 1.12e-5 * (1.35 - 0.45 * j * j), 2.2e-6 / j};
    double[] p = {0.78, 0.1, -(0.5 - 0.25 * j)};
    double v0 = e0 / j;
    double mExp =
        switch (family) {
          case K -> 0.86 + 0.12 * Math.exp(-(zA / 5.0) * (zA / 5.0));
          case L -> 0.82;
          case M -> 0.78;
        };
    // 1/S (eq. 5) times E_c^2 (keV^2): the 1/E_c^2 of the cross-section cancels against Q(E0)
    double invS = 0;
    double lnU0 = Math.log(u0);
    for (int k = 0; k < 3; k++) {
      double t = 1 + p[k] - mExp;
      double ut = Math.pow(u0, t);
      invS += d[k] * Math.pow(v0 / u0, p[k]) * (t * ut * lnU0 - ut + 1) / (t * t);
    }
    invS *= u0 / (v0 * m) * el * el;
    double qA = lnU0 / Math.pow(u0, mExp);
    // backscatter factor R (eq. 8-10)
    double eta = backscatterCoefficient(zb);
    double r = backscatterFactor(eta, u0);
    double f = r * invS / qA;
    // surface ionisation (XPP)
    double rr = 2 - 2.3 * eta;
    double phi0 = 1 + 3.3 * (1 - Math.pow(u0, -rr)) * Math.pow(eta, 1.2);
    // mean depth of ionisation
    double x = 1 + 1.3 * Math.log(zb);
    double y = 0.2 + zb / 200.0;
    double fOverRbar = 1 + x * Math.log(1 + y * (1 - Math.pow(u0, -0.42))) / Math.log(1 + y);
    double rbar = f / fOverRbar;
    if (f / rbar < phi0) {
      rbar = f / phi0;
    }
    // initial slope P and shape parameters (eq. 11-17)
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
    return new Shape(phi0, a, b, bigA, bigB, f);
  }

  /** Mean backscatter coefficient of P&amp;P from Z_b = (sum C_i sqrt Z_i)^2 (appendix 1). */
  static double backscatterCoefficient(double zb) {
    return 1.75e-3 * zb + 0.37 * (1 - Math.exp(-0.015 * Math.pow(zb, 1.3)));
  }

  /** Backscatter loss factor R(U0) of P&amp;P for a mean backscatter coefficient (appendix 1). */
  static double backscatterFactor(double eta, double u0) {
    double w = 0.595 + eta / 3.7 + Math.pow(eta, 4.55);
    double q = (2 * w - 1) / (1 - w);
    double ju = 1 + u0 * (Math.log(u0) - 1);
    double g = (u0 - 1 - (1 - Math.pow(u0, -(1 + q))) / (1 + q)) / ((2 + q) * ju);
    return 1 - eta * w * (1 - g);
  }

  /**
   * Backscatter loss factor R of XPP for a matrix (mass fractions, normalised internally) and an
   * edge ecKeV at beam energy e0KeV.
   */
  public static double backscatterFactor(int[] z, double[] c, double ecKeV, double e0KeV) {
    double sum = 0;
    double zs = 0;
    for (int i = 0; i < z.length; i++) {
      sum += Math.max(c[i], 0);
      zs += Math.max(c[i], 0) * Math.sqrt(z[i]);
    }
    zs /= sum;
    return backscatterFactor(backscatterCoefficient(zs * zs), e0KeV / ecKeV);
  }

  /**
   * Stopping power -dE/d(rho s) in keV cm^2/g of P&amp;P's deceleration law (M/J) / f(V), f(V) =
   * sum D_k V^P_k, V = E/J, at electron energy eKeV (the law behind XPP's 1/S).
   */
  public static double stoppingPower(int[] z, double[] c, double eKeV) {
    double[] mj = decelerationLaw(z, c);
    return stoppingPower(mj[0], mj[1], eKeV);
  }

  /** {M, J}: sum C_i Z_i / A_i (normalised C) and the mean ionisation potential J in keV. */
  static double[] decelerationLaw(int[] z, double[] c) {
    double sum = 0;
    double m = 0;
    double lnJ = 0;
    for (int i = 0; i < z.length; i++) {
      double ci = Math.max(c[i], 0);
      sum += ci;
      double za = ci * z[i] / XrayData.atomicWeight(z[i]);
      m += za;
      lnJ += za * Math.log(meanIonizationKeV(z[i]));
    }
    return new double[] {m / sum, Math.exp(lnJ / m)};
  }

  /** P&amp;P's stopping power (keV cm^2/g) for given M and J (keV) at eKeV. */
  static double stoppingPower(double m, double j, double eKeV) {
    double v = eKeV / j;
    double f = 6.6e-6 * Math.pow(v, 0.78) + 1.12e-5 * (1.35 - 0.45 * j * j) * Math.pow(v, 0.1)
        + 2.2e-6 / j * Math.pow(v, -(0.5 - 0.25 * j));
    return m / j / f;
  }

  /** Mass absorption coefficient (cm^2/g) of a matrix for a photon energy (mass-weighted). */
  public static double matrixMac(int[] z, double[] c, double energyEv) {
    double sum = 0;
    double mac = 0;
    for (int i = 0; i < z.length; i++) {
      double ci = Math.max(c[i], 0);
      sum += ci;
      mac += ci * XrayData.massAttenuation(z[i], energyEv);
    }
    return mac / sum;
  }
}
