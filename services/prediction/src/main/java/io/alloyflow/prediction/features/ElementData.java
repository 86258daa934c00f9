package io.alloyflow.prediction.features;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Published element data used by the alloy descriptors, one place for every element the
 * descriptors know.
 *
 * <p>Sources: metallic radii for 12-fold coordination and Pauling electronegativities as tabulated
 * for high-entropy-alloy design by Guo and Liu, Prog. Nat. Sci. 21 (2011) 433-446 (from the CRC
 * Handbook of Chemistry and Physics); valence electron concentration counting s+d electrons (Guo,
 * Ng, Lu, Liu, J. Appl. Phys. 109 (2011) 103505); melting points, shear moduli and standard atomic
 * weights from the CRC Handbook of Chemistry and Physics, 97th ed. (2016); Miedema's cell-model
 * parameters (molar volume V, electron density at the Wigner-Seitz boundary n_ws, work-function
 * electronegativity phi*, hybridisation constant R) from de Boer, Boom, Mattens, Miedema and
 * Niessen, <i>Cohesion in Metals</i>, North-Holland (1988), Table 2.
 */
public final class ElementData {

  /**
   * One element's data.
   *
   * @param symbol chemical symbol
   * @param atomicWeight standard atomic weight (g/mol)
   * @param radiusAngstrom metallic radius (Angstrom)
   * @param pauling Pauling electronegativity
   * @param vec valence electrons per atom (s + d)
   * @param meltingK melting point (K)
   * @param shearGpa shear modulus (GPa)
   * @param miedemaVolume Miedema molar volume V (cm^3/mol)
   * @param miedemaNws Miedema electron density n_ws (density units)
   * @param miedemaPhi Miedema electronegativity phi* (V)
   * @param miedemaR Miedema hybridisation constant R (R/P = 0.73 R_A R_B for TM/non-TM pairs)
   * @param transition true for transition, noble and rare-earth metals in Miedema's sense
   */
  public record Element(
      String symbol,
      double atomicWeight,
      double radiusAngstrom,
      double pauling,
      double vec,
      double meltingK,
      double shearGpa,
      double miedemaVolume,
      double miedemaNws,
      double miedemaPhi,
      double miedemaR,
      boolean transition) {}

  private static final Map<String, Element> TABLE;

  static {
    Map<String, Element> m = new TreeMap<>();
    // symbol, weight, radius, Pauling, VEC, Tm, G, V, n_ws, phi*, R, transition
    put(m, "Li", 6.94, 1.520, 0.98, 1, 453.7, 4.2, 13.0, 0.94, 2.85, 0.0, false);
    put(m, "B", 10.81, 0.820, 2.04, 3, 2349, 100, 4.7, 5.36, 5.30, 1.9, false);
    put(m, "C", 12.011, 0.773, 2.55, 4, 3823, 50, 3.26, 5.55, 6.24, 2.1, false);
    put(m, "Mg", 24.305, 1.602, 1.31, 2, 923, 17, 14.0, 1.60, 3.45, 0.4, false);
    put(m, "Al", 26.982, 1.432, 1.61, 3, 933.5, 26, 10.0, 2.70, 4.20, 1.9, false);
    put(m, "Si", 28.085, 1.153, 1.90, 4, 1687, 66.5, 8.6, 3.38, 4.70, 2.1, false);
    put(m, "Ca", 40.078, 1.976, 1.00, 2, 1115, 7.4, 26.2, 0.75, 2.55, 0.4, false);
    put(m, "Sc", 44.956, 1.641, 1.36, 3, 1814, 29.1, 15.03, 2.05, 3.25, 0.7, true);
    put(m, "Ti", 47.867, 1.462, 1.54, 4, 1941, 44, 10.58, 3.51, 3.80, 1.0, true);
    put(m, "V", 50.942, 1.316, 1.63, 5, 2183, 47, 8.36, 4.41, 4.25, 1.0, true);
    put(m, "Cr", 51.996, 1.249, 1.66, 6, 2180, 115, 7.23, 5.18, 4.65, 1.0, true);
    put(m, "Mn", 54.938, 1.350, 1.55, 7, 1519, 79.5, 7.35, 4.17, 4.45, 1.0, true);
    put(m, "Fe", 55.845, 1.241, 1.83, 8, 1811, 82, 7.09, 5.55, 4.93, 1.0, true);
    put(m, "Co", 58.933, 1.251, 1.88, 9, 1768, 75, 6.7, 5.36, 5.10, 1.0, true);
    put(m, "Ni", 58.693, 1.246, 1.91, 10, 1728, 76, 6.6, 5.36, 5.20, 1.0, true);
    put(m, "Cu", 63.546, 1.278, 1.90, 11, 1357.8, 48, 7.12, 3.18, 4.45, 0.3, true);
    put(m, "Zn", 65.38, 1.394, 1.65, 12, 692.7, 43, 9.17, 2.30, 4.10, 1.4, false);
    put(m, "Ga", 69.723, 1.411, 1.81, 3, 302.9, 20, 11.82, 2.25, 4.10, 1.9, false);
    put(m, "Y", 88.906, 1.801, 1.22, 3, 1799, 25.6, 19.9, 1.77, 3.20, 0.7, true);
    put(m, "Zr", 91.224, 1.603, 1.33, 4, 2128, 33, 14.0, 2.80, 3.45, 1.0, true);
    put(m, "Nb", 92.906, 1.429, 1.60, 5, 2750, 38, 10.87, 4.41, 4.05, 1.0, true);
    put(m, "Mo", 95.95, 1.363, 2.16, 6, 2896, 126, 9.4, 5.55, 4.65, 1.0, true);
    put(m, "Pd", 106.42, 1.376, 2.20, 10, 1828, 44, 8.9, 4.66, 5.45, 1.0, true);
    put(m, "Ag", 107.87, 1.445, 1.93, 11, 1234.9, 30, 10.25, 2.52, 4.35, 0.3, true);
    put(m, "Sn", 118.71, 1.620, 1.96, 4, 505.1, 18, 16.3, 1.90, 4.15, 2.1, false);
    put(m, "Nd", 144.24, 1.821, 1.14, 3, 1297, 16.3, 20.58, 1.73, 3.19, 0.7, true);
    put(m, "Hf", 178.49, 1.578, 1.30, 4, 2506, 30, 13.45, 3.05, 3.60, 1.0, true);
    put(m, "Ta", 180.95, 1.430, 1.50, 5, 3290, 69, 10.81, 4.33, 4.05, 1.0, true);
    put(m, "W", 183.84, 1.367, 2.36, 6, 3695, 161, 9.55, 5.93, 4.80, 1.0, true);
    put(m, "Re", 186.21, 1.375, 1.90, 7, 3459, 178, 8.85, 6.33, 5.20, 1.0, true);
    TABLE = Collections.unmodifiableMap(m);
  }

  private ElementData() {}

  private static void put(
      Map<String, Element> m, String s, double w, double r, double chi, double vec, double tm,
      double g, double v, double nws, double phi, double rr, boolean tr) {
    m.put(s, new Element(s, w, r, chi, vec, tm, g, v, nws, phi, rr, tr));
  }

  /** True when the symbol is in the table. */
  public static boolean known(String symbol) {
    return TABLE.containsKey(symbol);
  }

  /** The element's data; fails with the list of known symbols when it is not in the table. */
  public static Element of(String symbol) {
    Element e = TABLE.get(symbol);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown element symbol '" + symbol + "' (known: " + String.join(" ", TABLE.keySet()) + ")");
    }
    return e;
  }

  /** Symbols in the table, sorted. */
  public static Set<String> symbols() {
    return TABLE.keySet();
  }
}
