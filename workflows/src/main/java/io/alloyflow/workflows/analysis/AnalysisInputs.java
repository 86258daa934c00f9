package io.alloyflow.workflows.analysis;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * Decoded and stored inputs of an analysis, ready for a request.
 *
 * @param micrograph the decoded micrograph (kept for the report)
 * @param micrographRef Arrow-encoded micrograph in the store
 * @param eds EDS data in the store, or null
 * @param edsKind {@code spectrum} or {@code spectrumImage}, or null
 * @param ingest provenance of the decoding
 */
public record AnalysisInputs(
    Micrograph micrograph,
    ArtifactRef micrographRef,
    ArtifactRef eds,
    String edsKind,
    List<ActivityRecord> ingest) {}
