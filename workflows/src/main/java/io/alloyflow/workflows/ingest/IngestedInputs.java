package io.alloyflow.workflows.ingest;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * What the ingest step stored: references only (claim check), small enough for a workflow payload.
 *
 * @param micrograph Arrow-encoded micrograph
 * @param eds EMSA spectrum or Arrow spectrum image, or null
 * @param edsKind {@code spectrum} or {@code spectrumImage}, or null
 * @param records provenance of the decoding
 */
public record IngestedInputs(
    ArtifactRef micrograph, ArtifactRef eds, String edsKind, List<ActivityRecord> records) {
  public IngestedInputs {
    records = List.copyOf(records == null ? List.of() : records);
  }
}
