package io.alloyflow.fusion.api;

/**
 * One phase as the fused view sees it.
 *
 * @param label class index in the phase map
 * @param phaseName identified phase name (from the alloy system's phase library) or a generic name
 * @param areaFraction area fraction
 * @param meanSignal mean detector signal under the phase, in detector units
 * @param sdSignal standard deviation of the signal under the phase
 * @param pixels pixel count
 */
public record PhaseSummary(
    int label, String phaseName, double areaFraction, double meanSignal, double sdSignal, long pixels) {}
