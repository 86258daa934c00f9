package io.alloyflow.eds.quant;

import io.alloyflow.core.provenance.AlgorithmInfo;
import java.util.List;
import java.util.Map;

/**
 * Result of a quantification.
 *
 * @param elements per element, in analysis order
 * @param oxides oxides by stoichiometry (empty unless oxygen is by stoichiometry)
 * @param analyticalTotal sum of mass fractions (not normalised)
 * @param analyticalTotalSigma its sigma
 * @param iterations matrix-correction iterations used
 * @param converged whether the iteration converged
 * @param detectorFwhmMnKaEv detector resolution used
 * @param fitReducedChiSquare reduced chi^2 of the filter fit
 * @param warnings human-readable warnings
 * @param algorithm provenance of the algorithm
 */
public record Quantification(
    Map<String, ElementQuant> elements,
    List<OxideQuant> oxides,
    double analyticalTotal,
    double analyticalTotalSigma,
    int iterations,
    boolean converged,
    double detectorFwhmMnKaEv,
    double fitReducedChiSquare,
    List<String> warnings,
    AlgorithmInfo algorithm) {
  public Quantification {
    elements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(elements));
    oxides = List.copyOf(oxides);
    warnings = List.copyOf(warnings);
  }
}
