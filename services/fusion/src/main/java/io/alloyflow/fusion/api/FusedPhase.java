package io.alloyflow.fusion.api;

import java.util.Map;

/**
 * One phase of a fused SEM-EDS phase map.
 *
 * @param label label in the phase map
 * @param name library name, or unknown-k
 * @param areaFraction area fraction
 * @param apparentComposition mean element net-count fractions renormalised to 1 (not matrix
 *     corrected)
 * @param compositionSe standard error of each apparent fraction (pixel standard deviation over the
 *     square root of the number of EDS pixels the phase covers)
 */
public record FusedPhase(int label, String name, double areaFraction,
    Map<String, Double> apparentComposition, Map<String, Double> compositionSe) {}
