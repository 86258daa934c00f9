package io.alloyflow.workflows.inclusion;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * A field after ingest.
 *
 * @param name field name
 * @param bse Arrow-encoded BSE micrograph in the store
 * @param spots the EDS spot spectra that can be acquired (not read yet)
 * @param provenance the ingest records (image decode)
 */
public record IngestedField(String name, ArtifactRef bse, List<SpotFile> spots,
    List<ActivityRecord> provenance) {
  public IngestedField {
    spots = List.copyOf(spots);
    provenance = List.copyOf(provenance);
  }
}
