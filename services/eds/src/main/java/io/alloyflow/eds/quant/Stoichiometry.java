package io.alloyflow.eds.quant;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.lines.XrayData;

/**
 * The helpers both quantifiers ({@link Quantifier}, standards-based, and {@link
 * StandardlessQuantifier}) share: cation valences, oxygen by stoichiometry, the oxide each cation
 * is reported as (the convention of mineral and glass analysis: the cation at its valence with O
 * of valence 2, e.g. SiO2, Al2O3, FeO; Goldstein et al., Scanning Electron Microscopy and X-ray
 * Microanalysis, 4th ed. 2018, ch. 19), and the beam-energy check between an unknown and its
 * standard.
 */
final class Stoichiometry {
  private Stoichiometry() {}

  /** Valence of a cation: the options' override, else {@link Quantifier#DEFAULT_VALENCES}, else 0. */
  static int valence(String sym, QuantOptions o) {
    Integer v = o.valences().get(sym);
    return v != null ? v : Quantifier.DEFAULT_VALENCES.getOrDefault(sym, 0);
  }

  /** Mass of oxygen carried per unit mass of a cation at its valence (0 for O itself). */
  static double oxygenPerCationMass(String sym, QuantOptions o) {
    int v = valence(sym, o);
    return v <= 0 || sym.equals("O") ? 0
        : 0.5 * v * XrayData.atomicWeight(8) / XrayData.atomicWeight(XrayData.z(sym));
  }

  /**
   * The oxide of a cation at mass fraction c (sigma cSig) at its valence, or null when it has no
   * valence.
   */
  static OxideQuant oxide(String sym, double c, double cSig, QuantOptions o) {
    int v = valence(sym, o);
    if (v <= 0) {
      return null;
    }
    int nCat = v % 2 == 0 ? 1 : 2;
    int nO = v % 2 == 0 ? v / 2 : v;
    double a = XrayData.atomicWeight(XrayData.z(sym));
    double f = (nCat * a + nO * XrayData.atomicWeight(8)) / (nCat * a);
    String formula = sym + (nCat > 1 ? nCat : "") + "O" + (nO > 1 ? nO : "");
    return new OxideQuant(sym, formula, c * f, cSig * f);
  }

  /** Refuses a standard whose beam energy differs from the unknown's by more than 1 %. */
  static void checkSameBeamEnergy(String sym, Spectrum unknown, Spectrum std) {
    if (Math.abs(unknown.beamEnergyKeV() - std.beamEnergyKeV())
        > 0.01 * unknown.beamEnergyKeV()) {
      throw new IllegalArgumentException("beam energy of the standard for " + sym + " ("
          + std.beamEnergyKeV() + " keV) differs from the unknown's (" + unknown.beamEnergyKeV()
          + " keV)");
    }
  }
}
