package io.alloyflow.fusion.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.List;

/**
 * Result of {@link InclusionActivities#screenField}.
 *
 * @param fieldName the field
 * @param particles every detected particle, in detection order
 * @param fieldAreaMm2 analysed area of the field (mm^2)
 * @param particleTable CSV of the screened particles (id, position, size, BSE class, confidence,
 *     spot) in the artifact store
 * @param screeningModel id of the screening model (recipe version and training-data hash)
 * @param provenance what ran
 */
public record InclusionScreenResult(String fieldName, List<ScreenedParticle> particles,
    double fieldAreaMm2, ArtifactRef particleTable, String screeningModel,
    ActivityRecord provenance) {
  public InclusionScreenResult {
    particles = List.copyOf(particles);
  }

  /** Number of uncertain particles. */
  public long uncertainCount() {
    return particles.stream().filter(ScreenedParticle::uncertain).count();
  }
}
