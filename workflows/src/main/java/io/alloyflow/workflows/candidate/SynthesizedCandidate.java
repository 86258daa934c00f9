package io.alloyflow.workflows.candidate;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.Map;

/**
 * A candidate made real in the synthetic world.
 *
 * @param micrograph Arrow micrograph (BSE) in the store
 * @param spectrum EMSA spectrum of the bulk in the store
 * @param truth ground truth of the generator (BCC fraction, hardness)
 * @param provenance the synthesis activity (generated micrograph and spectrum)
 */
public record SynthesizedCandidate(ArtifactRef micrograph, ArtifactRef spectrum, Map<String, Double> truth,
    ActivityRecord provenance) {}
