package io.alloyflow.eds.identify;

import java.util.List;

/**
 * One identified element family.
 *
 * @param symbol element symbol
 * @param z atomic number
 * @param family K, L or M
 * @param energyEv energy of the family's strongest line
 * @param netCounts net counts of the family (Gaussian least-squares fit)
 * @param netCountsSigma counting sigma of the net counts
 * @param confidence 0..1: detection significance x family consistency x ambiguity
 * @param overlapWarnings overlap warnings
 */
public record IdentifiedLine(
    String symbol,
    int z,
    String family,
    double energyEv,
    double netCounts,
    double netCountsSigma,
    double confidence,
    List<String> overlapWarnings) {
  public IdentifiedLine {
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0,1], found " + confidence);
    }
    overlapWarnings = List.copyOf(overlapWarnings);
  }
}
