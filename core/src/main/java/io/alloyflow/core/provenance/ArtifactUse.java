package io.alloyflow.core.provenance;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Objects;

/**
 * An artifact as an activity used or generated it.
 *
 * @param role role of the artifact for the activity, e.g. {@code micrograph}, {@code phaseMap}
 * @param kind domain label of the entity, e.g. {@code Micrograph}, {@code PhaseMap},
 *     {@code Spectrum}, {@code FeatureSet}, {@code Prediction}
 * @param ref the stored artifact
 */
public record ArtifactUse(String role, String kind, ArtifactRef ref) {
  public ArtifactUse {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
  }
}
