package io.alloyflow.prediction.features;

import java.util.Map;

/**
 * Composition descriptors of multi-principal-element alloys.
 *
 * <p>Ideal configurational mixing entropy {@code -R sum c ln c}; atomic-size mismatch {@code delta
 * = 100 sqrt(sum c (1 - r/rbar)^2)} (Zhang, Zhou, Lin, Chen, Liaw, Adv. Eng. Mater. 10 (2008) 534);
 * valence electron concentration (Guo et al., J. Appl. Phys. 109 (2011) 103505); Pauling
 * electronegativity spread {@code sqrt(sum c (chi - chibar)^2)} (Fang et al., Comput. Mater. Sci.
 * 2003; Guo and Liu 2011); Miedema mixing enthalpy ({@link Miedema}); rule-of-mixtures melting
 * point and shear modulus, and the shear-modulus mismatch {@code 100 sqrt(sum c (1 - G/Gbar)^2)}
 * used for solid-solution strengthening models of HEA hardness (Wen et al., Acta Mater. 170 (2019)
 * 109-117).
 *
 * @param mixingEntropy J/(mol K)
 * @param sizeMismatch percent
 * @param vec electrons per atom
 * @param electronegativitySpread Pauling units
 * @param mixingEnthalpy kJ/mol
 * @param meltingPoint K
 * @param shearModulus GPa
 * @param shearMismatch percent
 */
public record AlloyDescriptors(
    double mixingEntropy,
    double sizeMismatch,
    double vec,
    double electronegativitySpread,
    double mixingEnthalpy,
    double meltingPoint,
    double shearModulus,
    double shearMismatch) {

  /** Gas constant, J/(mol K). */
  public static final double R_GAS = 8.314462618;

  /** Descriptors of a composition. */
  public static AlloyDescriptors of(Composition composition) {
    Map<String, Double> c = composition.atomicFractions();
    double s = 0;
    double rbar = 0;
    double vec = 0;
    double chibar = 0;
    double tm = 0;
    double gbar = 0;
    for (Map.Entry<String, Double> e : c.entrySet()) {
      ElementData.Element el = ElementData.of(e.getKey());
      double x = e.getValue();
      s -= x * Math.log(x);
      rbar += x * el.radiusAngstrom();
      vec += x * el.vec();
      chibar += x * el.pauling();
      tm += x * el.meltingK();
      gbar += x * el.shearGpa();
    }
    double d2 = 0;
    double chi2 = 0;
    double g2 = 0;
    for (Map.Entry<String, Double> e : c.entrySet()) {
      ElementData.Element el = ElementData.of(e.getKey());
      double x = e.getValue();
      d2 += x * sq(1 - el.radiusAngstrom() / rbar);
      chi2 += x * sq(el.pauling() - chibar);
      g2 += x * sq(1 - el.shearGpa() / gbar);
    }
    return new AlloyDescriptors(
        R_GAS * s, 100 * Math.sqrt(d2), vec, Math.sqrt(chi2), Miedema.mixingEnthalpy(c), tm, gbar,
        100 * Math.sqrt(g2));
  }

  private static double sq(double v) {
    return v * v;
  }
}
