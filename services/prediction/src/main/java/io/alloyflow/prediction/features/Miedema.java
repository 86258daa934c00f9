package io.alloyflow.prediction.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Enthalpy of mixing from Miedema's cell model.
 *
 * <p>Binary chemical enthalpy of an equiatomic A-B liquid as in Takeuchi and Inoue, Mater. Trans.
 * 46 (2005) 2817-2829 (their Table 1 was computed this way): the interfacial enthalpy of A
 * dissolved in B is {@code 2 P V_A^(2/3) / (n_A^(-1/3) + n_B^(-1/3)) * (-(dphi*)^2 + Q/P (dn^(1/3))^2
 * - R/P)} with P = 14.1 (both transition metals), 10.6 (neither) or 12.35 (one), Q/P = 9.4 and R/P
 * = 0.73 R_A R_B for a transition / non-transition pair (Miedema, de Chatel, de Boer, Physica B
 * 100 (1980) 1-28; de Boer et al., Cohesion in Metals, 1988); the concentration dependence uses
 * surface fractions {@code c^s_A = c_A V_A^(2/3) / sum c V^(2/3)}. The multicomponent alloy value
 * is the regular-solution sum {@code dH_mix = sum_{i<j} 4 dH_ij c_i c_j} (Takeuchi and Inoue 2005,
 * Eq. 4).
 */
public final class Miedema {
  private static final double Q_OVER_P = 9.4;

  private Miedema() {}

  /** Mixing enthalpy of the equiatomic binary liquid A-B (kJ/mol). */
  public static double binaryEquiatomic(String a, String b) {
    if (a.equals(b)) {
      return 0.0;
    }
    ElementData.Element ea = ElementData.of(a);
    ElementData.Element eb = ElementData.of(b);
    double p;
    double rp = 0.0;
    if (ea.transition() && eb.transition()) {
      p = 14.1;
    } else if (!ea.transition() && !eb.transition()) {
      p = 10.6;
    } else {
      p = 12.35;
      rp = 0.73 * ea.miedemaR() * eb.miedemaR();
    }
    double na = Math.cbrt(ea.miedemaNws());
    double nb = Math.cbrt(eb.miedemaNws());
    double dphi = ea.miedemaPhi() - eb.miedemaPhi();
    double dn = na - nb;
    double bracket = -dphi * dphi + Q_OVER_P * dn * dn - rp;
    double va = Math.pow(ea.miedemaVolume(), 2.0 / 3.0);
    double vb = Math.pow(eb.miedemaVolume(), 2.0 / 3.0);
    double denom = 1.0 / na + 1.0 / nb;
    double hAinB = 2 * p * va / denom * bracket;
    double hBinA = 2 * p * vb / denom * bracket;
    double csA = va / (va + vb);
    double csB = vb / (va + vb);
    return 0.25 * (csB * hAinB + csA * hBinA);
  }

  /** Regular-solution mixing enthalpy of a multicomponent alloy (kJ/mol), atomic fractions in. */
  public static double mixingEnthalpy(Map<String, Double> atomicFractions) {
    List<String> els = new ArrayList<>(atomicFractions.keySet());
    double h = 0.0;
    for (int i = 0; i < els.size(); i++) {
      for (int j = i + 1; j < els.size(); j++) {
        h += 4.0 * binaryEquiatomic(els.get(i), els.get(j))
            * atomicFractions.get(els.get(i)) * atomicFractions.get(els.get(j));
      }
    }
    return h;
  }
}
