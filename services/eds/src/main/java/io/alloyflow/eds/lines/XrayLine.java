package io.alloyflow.eds.lines;

/**
 * One characteristic X-ray line.
 *
 * @param z atomic number of the emitter
 * @param symbol element symbol
 * @param siegbahn conventional name (e.g. {@code Ka1}, {@code Lb1}, {@code Ma})
 * @param iupac IUPAC transition (e.g. {@code K-L3})
 * @param family family of the line
 * @param shell xraylib shell constant of the initial vacancy
 * @param energyEv line energy in eV
 * @param weight intensity relative to the strongest line of the family (0..1]
 */
public record XrayLine(
    int z,
    String symbol,
    String siegbahn,
    String iupac,
    Family family,
    int shell,
    double energyEv,
    double weight) {
  public XrayLine {
    if (z < 1 || z > 98) {
      throw new IllegalArgumentException("atomic number must be 1..98, found " + z);
    }
    if (!(energyEv > 0)) {
      throw new IllegalArgumentException("line energy must be positive, found " + energyEv);
    }
    if (!(weight > 0) || weight > 1.0 + 1e-9) {
      throw new IllegalArgumentException("relative line weight must be in (0,1], found " + weight);
    }
  }

  /** Short label, e.g. {@code Fe Ka1}. */
  public String label() {
    return symbol + " " + siegbahn;
  }
}
