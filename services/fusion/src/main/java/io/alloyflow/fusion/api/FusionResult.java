package io.alloyflow.fusion.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * @param phases per-phase summaries, darkest first
 * @param featureSet Arrow feature table with one row per phase
 * @param contrastSeparation Fisher separation of the two most similar phases' signals
 *     ({@code |m1-m2| / sqrt(s1^2+s2^2)}); low values flag phases the detector hardly separates
 * @param provenance what ran
 */
public record FusionResult(
    List<PhaseSummary> phases, ArtifactRef featureSet, double contrastSeparation,
    ActivityRecord provenance) {}
