package io.alloyflow.eds.identify;

import io.alloyflow.eds.lines.XrayData;
import java.util.Set;

/**
 * Prior preference for common elements over exotic ones in automatic identification: a peak that
 * a common element explains as well as an exotic one goes to the common element, and an exotic
 * element needs stronger evidence to be reported at all. The tiers follow the element abundance
 * and usage arguments of Newbury ("Mistakes encountered during automatic peak identification of
 * minor and trace constituents in electron-excited energy dispersive X-ray microanalysis",
 * Scanning 31 (2009) 91-101) and Statham (Microchim. Acta 138 (2002) 229): the rock-forming and
 * alloying elements are common; noble gases, short-lived radioactive elements and most
 * lanthanides and actinides are exotic in SEM-EDS of metals, glasses and minerals.
 */
public final class ElementPriors {
  private ElementPriors() {}

  /** Elements common in metals, alloys, slags, glasses, minerals and their contamination. */
  private static final Set<String> COMMON = Set.of(
      "C", "N", "O", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "K", "Ca", "Ti", "V", "Cr", "Mn",
      "Fe", "Co", "Ni", "Cu", "Zn", "Zr", "Nb", "Mo", "Ag", "Sn", "W", "Pb", "Ba");

  /** Elements essentially never present in SEM-EDS specimens of metals and minerals. */
  private static final Set<String> EXOTIC = Set.of(
      "He", "Ne", "Ar", "Kr", "Xe", "Rn", "Tc", "Pm", "Po", "At", "Fr", "Ra", "Ac", "Pa", "Np",
      "Pu", "Pr", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Os", "Ir", "Rh",
      "Ru", "Tl", "Br", "I", "Li");
  /** Tier of an element. */
  public enum Tier {
    /** alloying and rock-forming elements */
    COMMON,
    /** everything not common or exotic */
    UNCOMMON,
    /** noble gases, radioactive, most lanthanides and rare metalloids */
    EXOTIC
  }

  /** Tier of atomic number z. */
  public static Tier tier(int z) {
    String s = XrayData.symbol(z);
    return COMMON.contains(s) ? Tier.COMMON : EXOTIC.contains(s) ? Tier.EXOTIC : Tier.UNCOMMON;
  }

  /** Weight multiplying a candidate's consistency score when peaks are assigned. */
  public static double weight(int z) {
    return switch (tier(z)) {
      case COMMON -> 1.0;
      case UNCOMMON -> 0.6;
      case EXOTIC -> 0.25;
    };
  }

  /**
   * Factor on the significance an element must reach to be added by the residual search (the
   * evidence a less likely element must bring before it is believed).
   */
  public static double significanceFactor(int z) {
    return switch (tier(z)) {
      case COMMON -> 1.0;
      case UNCOMMON -> 2.0;
      case EXOTIC -> 4.0;
    };
  }
}
