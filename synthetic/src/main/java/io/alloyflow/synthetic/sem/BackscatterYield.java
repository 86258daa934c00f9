package io.alloyflow.synthetic.sem;

import com.github.tschoonj.xraylib.Xraylib;
import java.util.Map;

/**
 * Backscattered-electron coefficient eta.
 *
 * <p>Pure elements: the polynomial fit of W. Reuter, "The ionization function and its
 * application to the electron probe analysis of thin films", in Proc. 6th Int. Conf. on X-ray
 * Optics and Microanalysis (G. Shinoda, K. Kohra, T. Ichinokawa, eds.), Univ. of Tokyo Press,
 * 1972, p. 121: eta(Z) = -0.0254 + 0.016 Z - 1.86e-4 Z^2 + 8.3e-7 Z^3 (normal incidence,
 * beam energies ~10-30 keV, where eta depends only weakly on energy).
 *
 * <p>Compounds and alloys: the mass-fraction-weighted mean, eta = sum_i c_i eta(Z_i). This is
 * the mixing rule of R. Castaing (thesis, Univ. Paris, 1951), confirmed experimentally by
 * K. F. J. Heinrich, "Electron probe microanalysis by specimen current measurement", in X-ray
 * Optics and Microanalysis (4th ICXOM), Hermann, Paris, 1966, p. 159, who found measured
 * coefficients of alloys within a few per cent of the mass-weighted mean (the rule is exact to
 * first order because backscattering depends on the mass-weighted mean of Z^2/A per unit mass
 * thickness and Z/A is nearly constant).
 */
public final class BackscatterYield {

  private BackscatterYield() {}

  /** eta of a pure element of atomic number z (1..99), Reuter (1972). */
  public static double element(int z) {
    if (z < 1 || z > 99) {
      throw new IllegalArgumentException("atomic number must be 1..99, found " + z);
    }
    return -0.0254 + 0.016 * z - 1.86e-4 * z * z + 8.3e-7 * z * z * z;
  }

  /** eta of a composition (element symbol to mass fraction), Castaing/Heinrich mixing rule. */
  public static double of(Map<String, Double> massFractions) {
    double s = 0;
    double total = 0;
    for (Map.Entry<String, Double> e : massFractions.entrySet()) {
      s += e.getValue() * element(atomicNumber(e.getKey()));
      total += e.getValue();
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("composition has no mass: " + massFractions);
    }
    return s / total;
  }

  /** Mass-weighted mean atomic number. */
  public static double meanZ(Map<String, Double> massFractions) {
    double s = 0;
    double total = 0;
    for (Map.Entry<String, Double> e : massFractions.entrySet()) {
      s += e.getValue() * atomicNumber(e.getKey());
      total += e.getValue();
    }
    return s / total;
  }

  static int atomicNumber(String symbol) {
    try {
      return Xraylib.SymbolToAtomicNumber(symbol);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown element symbol '" + symbol + "'", e);
    }
  }
}
