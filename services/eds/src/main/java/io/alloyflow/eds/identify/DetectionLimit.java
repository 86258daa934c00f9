package io.alloyflow.eds.identify;

/**
 * Minimum detectable amount of an element that was asked about and not found (Currie, Anal.
 * Chem. 40 (1968) 586): the net counts its analytical family would need to be detected with 95 %
 * probability at the decision level of {@link Identifier#ASKED_SIGNIFICANCE} sigma, and the mass
 * fraction that gives them.
 *
 * @param symbol element symbol
 * @param family line family used (K, L, M; "-" when none is measurable)
 * @param energyEv energy of the family's strongest line (NaN when none)
 * @param sigmaNetCounts standard deviation of the family's fitted net counts at zero content
 * @param detectableNetCounts Currie's L_D = 2.71 + 4.65 sigma, in net counts of the family
 * @param massFraction minimum detectable mass fraction (NaN when it cannot be estimated)
 * @param note why the limit is missing, or empty
 */
public record DetectionLimit(
    String symbol,
    String family,
    double energyEv,
    double sigmaNetCounts,
    double detectableNetCounts,
    double massFraction,
    String note) {
  public DetectionLimit {
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("detection limit needs an element symbol");
    }
    if (!(Double.isNaN(massFraction) || massFraction >= 0)) {
      throw new IllegalArgumentException(
          "minimum detectable mass fraction of " + symbol + " must be >= 0, found " + massFraction);
    }
    note = note == null ? "" : note;
  }
}
