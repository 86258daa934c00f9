package io.alloyflow.eds.api;

import java.util.List;

/**
 * An identified element.
 *
 * @param symbol element symbol
 * @param family line family used for identification (K, L, M)
 * @param energyEv energy of its strongest line in eV
 * @param netCounts net peak counts
 * @param netCountsSigma counting-statistics sigma of the net counts
 * @param confidence identification confidence 0..1
 * @param warnings overlap warnings (e.g. "S Ka overlaps Mo La")
 */
public record ElementLine(
    String symbol,
    String family,
    double energyEv,
    double netCounts,
    double netCountsSigma,
    double confidence,
    List<String> warnings) {}
