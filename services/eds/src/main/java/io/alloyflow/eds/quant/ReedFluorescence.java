package io.alloyflow.eds.quant;

import io.alloyflow.core.xray.Matrix;
import com.github.tschoonj.xraylib.Xraylib;
import io.alloyflow.eds.lines.Family;
import io.alloyflow.eds.lines.XrayData;
import io.alloyflow.eds.lines.XrayLine;

/**
 * Characteristic fluorescence correction of Reed ("Characteristic fluorescence corrections in
 * electron-probe microanalysis", Brit. J. Appl. Phys. 16 (1965) 913-926), as used with phi(rho z)
 * models: the ratio of fluorescence-excited to primary intensity of element A excited by the line
 * of element B is
 *
 * <pre>
 * I_f/I_p = 0.5 P C_B (r_A - 1)/r_A w_B p_line (A_A/A_B) ((U_B - 1)/(U_A - 1))^1.67
 *           (mu/rho)_A(E_B) / (mu/rho)_spec(E_B) [ln(1+u)/u + ln(1+v)/v],
 * u = (mu/rho)_spec(E_A) csc(psi) / (mu/rho)_spec(E_B),  v = sigma / (mu/rho)_spec(E_B),
 * </pre>
 *
 * with sigma the Lenard coefficient 4.5e5 / (E0^1.65 - E_c^1.65) (keV), r_A the absorption jump
 * ratio of A's shell, w_B the fluorescence yield of B's shell, p_line the share of the exciting
 * line in B's family and P = 1 (K-K, L-L), 4.2 (L line exciting K shell), 0.24 (K line exciting L
 * shell). Lines of B above A's edge contribute; continuum fluorescence is not included.
 */
public final class ReedFluorescence {
  private ReedFluorescence() {}

  /**
   * Sum over matrix elements of I_f/I_p for element zA's family.
   *
   * @param z matrix atomic numbers
   * @param c matrix mass fractions (normalised internally)
   * @param zA emitter
   * @param famA emitter family
   * @param lineEvA energy of the emitter's line
   * @param beamEv beam energy
   * @param takeoffRad takeoff angle
   */
  public static double ratio(
      int[] z, double[] c, int zA, Family famA, double lineEvA, double beamEv, double takeoffRad) {
    double edgeA = XrayData.familyEdgeEv(zA, famA);
    if (!(edgeA > 0) || edgeA >= beamEv) {
      return 0;
    }
    double sum = 0;
    for (double v : c) {
      sum += Math.max(v, 0);
    }
    double jump;
    try {
      jump = Xraylib.JumpFactor(zA, XrayData.principalShell(famA));
    } catch (RuntimeException e) {
      return 0;
    }
    if (!(jump > 1)) {
      return 0;
    }
    double e0 = beamEv / 1000;
    double uA = beamEv / edgeA;
    Matrix matrix = Matrix.of(z, c);
    double macSpecA = matrix.massAttenuation(lineEvA / 1000);
    double csc = 1 / Math.sin(takeoffRad);
    double total = 0;
    for (int i = 0; i < z.length; i++) {
      int zB = z[i];
      double cB = Math.max(c[i], 0) / sum;
      if (zB == zA || cB <= 0) {
        continue;
      }
      for (Family famB : Family.values()) {
        if (famB == Family.M) {
          continue;
        }
        double edgeB = XrayData.familyEdgeEv(zB, famB);
        if (!(edgeB > 0) || edgeB >= beamEv) {
          continue;
        }
        double p = famB == famA ? 1.0 : (famB == Family.L && famA == Family.K ? 4.2 : 0.24);
        double omegaB = XrayData.fluorescenceYield(zB, XrayData.principalShell(famB));
        double wsum = 0;
        for (XrayLine l : XrayData.family(zB, famB)) {
          wsum += l.weight();
        }
        double uB = beamEv / edgeB;
        double sigma = 4.5e5 / (Math.pow(e0, 1.65) - Math.pow(edgeA / 1000, 1.65));
        for (XrayLine l : XrayData.family(zB, famB)) {
          if (l.energyEv() <= edgeA) {
            continue;
          }
          double macSpecB = matrix.massAttenuation(l.energyEv() / 1000);
          double macAB = XrayData.massAttenuation(zA, l.energyEv());
          double u = macSpecA * csc / macSpecB;
          double v = sigma / macSpecB;
          double f = 0.5 * p * cB * (jump - 1) / jump * omegaB * (l.weight() / wsum)
              * (XrayData.atomicWeight(zA) / XrayData.atomicWeight(zB))
              * Math.pow((uB - 1) / (uA - 1), 1.67)
              * macAB / macSpecB
              * (Math.log(1 + u) / u + Math.log(1 + v) / v);
          total += f;
        }
      }
    }
    return total;
  }
}
