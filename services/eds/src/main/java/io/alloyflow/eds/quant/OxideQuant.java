package io.alloyflow.eds.quant;

/**
 * An oxide by stoichiometry.
 *
 * @param element cation
 * @param formula oxide formula, e.g. {@code Al2O3}
 * @param massFraction oxide mass fraction
 * @param massFractionSigma its sigma
 */
public record OxideQuant(String element, String formula, double massFraction, double massFractionSigma) {}
