package io.alloyflow.core.xray;

/**
 * The ingredients shared by the XPP and PAP models of J.-L. Pouchou and F. Pichoir,
 * "Quantitative analysis of homogeneous or stratified microvolumes applying the model PAP", in
 * K.F.J. Heinrich and D.E. Newbury (eds.), Electron Probe Quantitation, Plenum, New York 1991,
 * pp. 31-75 (the same equations as NIST DTSA-II's XPP and PAP1991): mean ionisation potential
 * J_i = Z_i (10.04 + 8.25 exp(-Z_i/11.22)) eV (Zeller); deceleration law dE/d(rho s) = -(M/J) /
 * f(V), f(V) = sum_k D_k V^P_k, V = E/J, with D = (6.6e-6, 1.12e-5 (1.35 - 0.45 J^2), 2.2e-6 / J)
 * and P = (0.78, 0.1, -(0.5 - 0.25 J)) (J in keV); ionisation cross-section shape ln U / (U^m
 * E_c^2) with m = 0.86 + 0.12 exp(-(Z_A/5)^2) for K, 0.82 for L, 0.78 for M shells; mean
 * backscatter coefficient eta = 1.75e-3 Z_b + 0.37 (1 - exp(-0.015 Z_b^1.3)) with Z_b = (sum C_i
 * sqrt Z_i)^2 and the backscatter loss factor R(U0, eta); the area F = R (1/S) / Q(E0); the
 * surface ionisation phi0 = 1 + 3.3 (1 - U0^-(2 - 2.3 eta)) eta^1.2; and the ionisation range
 * R0. Units: keV, g/cm^2, cm^2/g.
 */
public final class PouchouPichoir {
  private PouchouPichoir() {}

  /** Mean ionisation potential of an element in keV (Zeller, as used by P&amp;P 1991). */
  public static double meanIonisationKeV(int z) {
    return z * (10.04 + 8.25 * Math.exp(-z / 11.22)) / 1000.0;
  }

  /**
   * Exponent m of P&amp;P's ionisation cross-section ln U / (U^m E_c^2) for an emitter and its
   * line family ("K", "L" or "M").
   */
  public static double crossSectionExponent(int zA, String family) {
    return switch (family) {
      case "K" -> 0.86 + 0.12 * Math.exp(-(zA / 5.0) * (zA / 5.0));
      case "L" -> 0.82;
      case "M" -> 0.78;
      default -> throw new IllegalArgumentException(
          "line family must be K, L or M, found '" + family + "'");
    };
  }

  /**
   * P&amp;P's deceleration law of a matrix.
   *
   * @param m M = sum C_i Z_i / A_i, mol/g
   * @param jKeV mean ionisation potential J, keV (ln J = sum (C_i Z_i / A_i) ln J_i / M)
   */
  public record DecelerationLaw(double m, double jKeV) {
    /** Validates. */
    public DecelerationLaw {
      if (!(m > 0) || !(jKeV > 0)) {
        throw new IllegalArgumentException(
            "deceleration law needs M > 0 and J > 0, found M=" + m + ", J=" + jKeV + " keV");
      }
    }

    /** The law of a matrix. */
    public static DecelerationLaw of(Matrix matrix) {
      double m = 0;
      double lnJ = 0;
      for (int i = 0; i < matrix.size(); i++) {
        int z = matrix.z(i);
        double za = matrix.c(i) * z / AtomicData.atomicWeight(z);
        m += za;
        lnJ += za * Math.log(meanIonisationKeV(z));
      }
      return new DecelerationLaw(m, Math.exp(lnJ / m));
    }

    /** D_k. */
    double[] d() {
      return new double[] {6.6e-6, 1.12e-5 * (1.35 - 0.45 * jKeV * jKeV), 2.2e-6 / jKeV};
    }

    /** P_k. */
    double[] p() {
      return new double[] {0.78, 0.1, -(0.5 - 0.25 * jKeV)};
    }

    /** Stopping power -dE/d(rho s) = (M/J) / f(V), keV cm^2/g, at electron energy eKeV. */
    public double stoppingPower(double eKeV) {
      double v = eKeV / jKeV;
      double[] d = d();
      double[] p = p();
      double f = 0;
      for (int k = 0; k < 3; k++) {
        f += d[k] * Math.pow(v, p[k]);
      }
      return m / jKeV / f;
    }

    /**
     * Ionisation range R0 = integral of dE / (dE/d(rho s)) from the edge to E0, g/cm^2.
     */
    public double ionisationRange(double edgeKeV, double beamKeV) {
      double[] d = d();
      double[] p = p();
      double r0 = 0;
      for (int k = 0; k < 3; k++) {
        r0 += Math.pow(jKeV, 1 - p[k]) * d[k]
            * (Math.pow(beamKeV, 1 + p[k]) - Math.pow(edgeKeV, 1 + p[k])) / (1 + p[k]);
      }
      return r0 / m;
    }

    /**
     * The stopping factor 1/S of P&amp;P (eq. 5) times E_c^2: the integral of (ln U / U^mExp) /
     * (dE/d(rho s)) dE from the edge to E0, with Q's 1/E_c^2 left out (it cancels against
     * Q(E0)), keV^2 g/cm^2.
     */
    double inverseStoppingFactor(double edgeKeV, double beamKeV, double mExp) {
      double u0 = beamKeV / edgeKeV;
      double v0 = beamKeV / jKeV;
      double lnU0 = Math.log(u0);
      double[] d = d();
      double[] p = p();
      double invS = 0;
      for (int k = 0; k < 3; k++) {
        double t = 1 + p[k] - mExp;
        double ut = Math.pow(u0, t);
        invS += d[k] * Math.pow(v0 / u0, p[k]) * (t * ut * lnU0 - ut + 1) / (t * t);
      }
      return invS * u0 / (v0 * m) * edgeKeV * edgeKeV;
    }
  }

  /** Mean backscatter coefficient for a backscatter mean atomic number Z_b (appendix 1). */
  public static double backscatterCoefficient(double zb) {
    return 1.75e-3 * zb + 0.37 * (1 - Math.exp(-0.015 * Math.pow(zb, 1.3)));
  }

  /** Backscatter loss factor R(U0) for a mean backscatter coefficient eta (appendix 1). */
  public static double backscatterFactor(double eta, double u0) {
    double w = 0.595 + eta / 3.7 + Math.pow(eta, 4.55);
    double q = (2 * w - 1) / (1 - w);
    double ju = 1 + u0 * (Math.log(u0) - 1);
    double g = (u0 - 1 - (1 - Math.pow(u0, -(1 + q))) / (1 + q)) / ((2 + q) * ju);
    return 1 - eta * w * (1 - g);
  }

  /** Backscatter loss factor R of a matrix for an edge at beam energy (keV). */
  public static double backscatterFactor(Matrix matrix, double edgeKeV, double beamKeV) {
    return backscatterFactor(backscatterCoefficient(matrix.backscatterZ()), beamKeV / edgeKeV);
  }

  /** Surface ionisation phi(0) of P&amp;P for a backscatter coefficient and overvoltage. */
  public static double surfaceIonisation(double eta, double u0) {
    return 1 + 3.3 * (1 - Math.pow(u0, -(2 - 2.3 * eta))) * Math.pow(eta, 1.2);
  }

  /**
   * Ionisation cross-section shape Q(U) = ln U / (U^m E_c^2), keV^-2 (P&amp;P's, without an
   * absolute prefactor).
   */
  public static double crossSectionShape(double edgeKeV, double eKeV, double mExp) {
    double u = eKeV / edgeKeV;
    return u <= 1 ? 0 : Math.log(u) / (Math.pow(u, mExp) * edgeKeV * edgeKeV);
  }

  /**
   * Area F = R (1/S) / Q(E0) of the depth distribution, g/cm^2: generated intensity per unit
   * mass fraction up to the absolute cross-section.
   */
  public static double area(Matrix matrix, double edgeKeV, double beamKeV, double mExp) {
    checkEnergies(edgeKeV, beamKeV);
    return area(matrix, DecelerationLaw.of(matrix), edgeKeV, beamKeV, mExp);
  }

  static double area(Matrix matrix, DecelerationLaw law, double edgeKeV, double beamKeV,
      double mExp) {
    double u0 = beamKeV / edgeKeV;
    double invS = law.inverseStoppingFactor(edgeKeV, beamKeV, mExp);
    double qA = Math.log(u0) / Math.pow(u0, mExp);
    double eta = backscatterCoefficient(matrix.backscatterZ());
    return backscatterFactor(eta, u0) * invS / qA;
  }

  static void checkEnergies(double edgeKeV, double beamKeV) {
    if (!(edgeKeV > 0) || !(beamKeV > edgeKeV)) {
      throw new IllegalArgumentException("beam energy " + beamKeV
          + " keV does not exceed the edge " + edgeKeV + " keV: the shell is not ionised");
    }
  }
}
