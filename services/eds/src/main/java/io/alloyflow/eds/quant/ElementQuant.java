package io.alloyflow.eds.quant;

/**
 * Result for one element. All sigmas are 1-sigma absolute.
 *
 * @param symbol element symbol
 * @param z atomic number
 * @param family line family measured ("-" when computed by stoichiometry)
 * @param kRatio k-ratio against the standard (NaN when not measured); as DTSA-II defines it,
 *     relative to the standard material itself, per unit dose (live time x probe current)
 * @param kRatioSigma counting-statistics sigma of the k-ratio (unknown and standard)
 * @param massFraction mass fraction (0..1, not normalised)
 * @param massFractionSigma sigma of the mass fraction (counting + matrix-model)
 * @param atomFraction atomic fraction (normalised)
 * @param atomFractionSigma sigma of the atomic fraction
 * @param netCounts net counts of the family in the unknown
 * @param netCountsSigma counting sigma of the net counts
 * @param standard name of the standard used
 * @param byStoichiometry true when the mass fraction was computed by stoichiometry
 */
public record ElementQuant(
    String symbol,
    int z,
    String family,
    double kRatio,
    double kRatioSigma,
    double massFraction,
    double massFractionSigma,
    double atomFraction,
    double atomFractionSigma,
    double netCounts,
    double netCountsSigma,
    String standard,
    boolean byStoichiometry) {}
