package io.alloyflow.fusion.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Objects;

/**
 * @param micrograph Arrow-encoded micrograph
 * @param phaseMap Arrow-encoded phase label map (classes darkest first)
 * @param alloySystem alloy system whose phase library names the classes (e.g. {@code dp-steel});
 *     {@code unknown} keeps generic names
 * @param edsElements element symbols identified by EDS (may be empty)
 */
public record FusionRequest(
    ArtifactRef micrograph, ArtifactRef phaseMap, String alloySystem, List<String> edsElements) {
  public FusionRequest {
    Objects.requireNonNull(micrograph, "micrograph");
    Objects.requireNonNull(phaseMap, "phaseMap");
    alloySystem = alloySystem == null || alloySystem.isBlank() ? "unknown" : alloySystem;
    edsElements = List.copyOf(edsElements == null ? List.of() : edsElements);
  }
}
