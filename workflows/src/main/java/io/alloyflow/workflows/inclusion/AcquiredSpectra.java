package io.alloyflow.workflows.inclusion;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * EDS spectra acquired for some particles of a field.
 *
 * @param spectra per requested spot, in request order, its EMSA file in the store
 * @param provenance the acquisition record
 */
public record AcquiredSpectra(List<ArtifactRef> spectra, ActivityRecord provenance) {
  public AcquiredSpectra {
    spectra = List.copyOf(spectra);
  }
}
