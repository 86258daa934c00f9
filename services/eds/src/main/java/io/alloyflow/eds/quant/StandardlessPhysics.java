package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.Matrix;
import io.alloyflow.core.xray.PhiRhoZ;
import com.github.tschoonj.xraylib.Xraylib;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * First-principles intensity of a characteristic line family, for standardless quantification.
 * Per incident electron and unit solid angle (up to the instrument constant common to all lines
 * of one spectrum), the detected intensity of family f of element A with mass fraction C_A is
 *
 * <pre>
 *   I = C_A / A_A * sum over lines l of f:  Q_s(E0) * omega_s * p_l * F_s(chi_l) * eps(E_l)
 * </pre>
 *
 * with s the line's initial vacancy shell, Q_s the electron-impact ionisation cross-section of
 * Casnati, Tartari and Baraldi (J. Phys. B 15 (1982) 155; K-shell formula with the relativistic
 * factor, applied to L and M subshells with their occupancies as an extrapolation), omega_s the
 * fluorescence yield and p_l the radiative rate of the line (xraylib: Krause 1979 yields,
 * Scofield 1974 rates, as compiled by Schoonjans et al., Spectrochim. Acta B 66 (2011) 776),
 * F_s(chi) the XPP emitted-intensity integral of Pouchou and Pichoir (1991) through {@link io.alloyflow.core.xray.Xpp}
 * (atomic number and absorption correction of the matrix), and eps(E) the detector efficiency of
 * {@link Detector}. Coster-Kronig transitions and fluorescence are not included.
 */
public final class StandardlessPhysics {
  private StandardlessPhysics() {}

  /** Bohr radius in cm. */
  static final double BOHR_CM = 5.29177210903e-9;

  /** Rydberg energy in eV. */
  static final double RYDBERG_EV = 13.605693123;

  /** Electron rest energy in eV. */
  static final double MC2_EV = 510998.95;

  /** Density of silicon, g/cm^3. */
  static final double SI_DENSITY = 2.33;

  /**
   * Detector efficiency model: a window of carbon-equivalent mass thickness (the quantity the
   * continuum fit {@link io.alloyflow.eds.background.ContinuumFit} estimates from the spectrum),
   * a silicon dead layer, and an active silicon layer that absorbs the photons it detects:
   * eps(E) = exp(-mu_C(E) w) exp(-mu_Si(E) rho t_dead) (1 - exp(-mu_Si(E) rho t_active)).
   *
   * @param windowCarbonGcm2 carbon-equivalent window mass thickness, g/cm^2
   * @param deadLayerCm silicon dead layer, cm
   * @param activeLayerCm active silicon thickness, cm
   */
  public record Detector(double windowCarbonGcm2, double deadLayerCm, double activeLayerCm) {
    public Detector {
      if (!(windowCarbonGcm2 >= 0 && windowCarbonGcm2 < 0.01)) {
        throw new IllegalArgumentException(
            "window mass thickness must be 0..0.01 g/cm^2, found " + windowCarbonGcm2);
      }
      if (!(deadLayerCm >= 0 && deadLayerCm < 0.01)) {
        throw new IllegalArgumentException("dead layer must be 0..0.01 cm, found " + deadLayerCm);
      }
      if (!(activeLayerCm > 0 && activeLayerCm < 1)) {
        throw new IllegalArgumentException(
            "active layer must be in (0, 1) cm, found " + activeLayerCm);
      }
    }

    /** Efficiency at a photon energy. */
    public double efficiency(double energyEv) {
      double muC = XrayData.massAttenuation(6, energyEv);
      double muSi = XrayData.massAttenuation(14, energyEv);
      return Math.exp(-muC * windowCarbonGcm2 - muSi * SI_DENSITY * deadLayerCm)
          * (1 - Math.exp(-muSi * SI_DENSITY * activeLayerCm));
    }
  }

  /**
   * Electron-impact ionisation cross-section of one shell (Casnati et al. 1982), in cm^2:
   * sigma = n a0^2 R (Ry/Ec)^2 psi phi ln(U)/U, psi = (Ec/Ry)^(-0.0318 + 0.3160/U - 0.1135/U^2),
   * phi = 10.57 exp(-1.736/U + 0.317/U^2), R the relativistic correction with J = mc^2/Ec.
   *
   * @param occupancy electrons in the shell (2 for K)
   * @param edgeEv ionisation energy of the shell, eV
   * @param beamEv electron energy, eV
   */
  public static double casnatiCm2(int occupancy, double edgeEv, double beamEv) {
    double u = beamEv / edgeEv;
    if (!(u > 1)) {
      return 0;
    }
    double j = MC2_EV / edgeEv;
    double r = (1 + 2 * j) / (u + 2 * j)
        * Math.pow((u + j) / (1 + j), 2)
        * Math.pow((1 + u) * (u + 2 * j) * (1 + j) * (1 + j)
            / (j * j * (1 + 2 * j) + u * (u + 2 * j) * (1 + j) * (1 + j)), 1.5);
    double psi = Math.pow(edgeEv / RYDBERG_EV, -0.0318 + 0.3160 / u - 0.1135 / (u * u));
    double phi = 10.57 * Math.exp(-1.736 / u + 0.317 / (u * u));
    return occupancy * BOHR_CM * BOHR_CM * r * Math.pow(RYDBERG_EV / edgeEv, 2) * psi * phi
        * Math.log(u) / u;
  }

  /** Electrons in a shell (xraylib shell constant), the Casnati prefactor n. */
  static int occupancy(int shell) {
    if (shell == Xraylib.K_SHELL || shell == Xraylib.L1_SHELL || shell == Xraylib.L2_SHELL
        || shell == Xraylib.M1_SHELL || shell == Xraylib.M2_SHELL) {
      return 2;
    }
    if (shell == Xraylib.L3_SHELL || shell == Xraylib.M3_SHELL || shell == Xraylib.M4_SHELL) {
      return 4;
    }
    if (shell == Xraylib.M5_SHELL) {
      return 6;
    }
    return 2;
  }

  private static final Map<String, Double> RATE_CACHE = new ConcurrentHashMap<>();

  /** xraylib radiative rate of a line (fraction of the shell's radiative decays), 0 if unknown. */
  static double radiativeRate(XrayLine l) {
    return RATE_CACHE.computeIfAbsent(l.z() + ":" + l.iupac(), k -> {
      try {
        int macro = Xraylib.class.getField(l.iupac().replace("-", "") + "_LINE").getInt(null);
        return Xraylib.RadRate(l.z(), macro);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return 0.0;
      }
    });
  }

  /**
   * Detected intensity per unit mass fraction of family {@code f} of {@code zA} in a matrix, per
   * electron and steradian, without the Avogadro constant (units cm^4/g/mol): the T_A(C) of the
   * class comment divided by C_A.
   *
   * @param z matrix elements
   * @param c matrix mass fractions (normalised inside XPP)
   * @param zA emitter
   * @param f family (lines with relative weight >= 0.005 below the beam energy, as the peak fit
   *     uses)
   * @param beamEv beam energy, eV
   * @param takeoffRad takeoff angle, radians
   * @param det detector
   */
  public static double intensityPerMassFraction(
      int[] z, double[] c, int zA, Family f, double beamEv, double takeoffRad, Detector det) {
    double sin = Math.sin(takeoffRad);
    Matrix matrix = Matrix.of(z, c);
    double sum = 0;
    for (XrayLine l : XrayData.family(zA, f)) {
      if (l.weight() < 0.005 || l.energyEv() >= beamEv) {
        continue;
      }
      double edge = XrayData.edgeEv(zA, l.shell());
      if (!(edge > 0) || edge >= beamEv) {
        continue;
      }
      double q = casnatiCm2(occupancy(l.shell()), edge, beamEv);
      double omega = XrayData.fluorescenceYield(zA, l.shell());
      double p = radiativeRate(l);
      PhiRhoZ shape = MatrixCorrection.XPP.shape(z, c, zA, f, edge, beamEv);
      double chi = matrix.massAttenuation(l.energyEv() / 1000) / sin;
      sum += q * omega * p * shape.emitted(chi) * det.efficiency(l.energyEv());
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("no " + f + " line of " + XrayData.symbol(zA)
          + " is excited at " + beamEv + " eV: it cannot be quantified standardless");
    }
    return sum / XrayData.atomicWeight(zA);
  }
}
