package io.alloyflow.fusion.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Objects;

/**
 * Fused phase analysis of a micrograph and an EDS spectrum image of the same area.
 *
 * @param micrograph Arrow-encoded BSE micrograph (with pixel size)
 * @param spectrumImage Arrow-encoded spectrum image (with pixel size)
 * @param alloySystem alloy system whose phase library names the discovered phases
 * @param elements elements of the net-count maps (empty: Mg, Al, Si, Fe)
 * @param phases number of phases to discover (0: the size of the alloy system's library, else 4)
 */
public record FusedPhaseRequest(ArtifactRef micrograph, ArtifactRef spectrumImage,
    String alloySystem, List<String> elements, int phases) {

  public FusedPhaseRequest {
    Objects.requireNonNull(micrograph, "micrograph");
    Objects.requireNonNull(spectrumImage, "spectrumImage");
    alloySystem = alloySystem == null || alloySystem.isBlank() ? "unknown" : alloySystem;
    elements = List.copyOf(elements == null || elements.isEmpty()
        ? List.of("Mg", "Al", "Si", "Fe") : elements);
    if (phases < 0 || phases > 16) {
      throw new IllegalArgumentException("phases must be 0..16, found " + phases);
    }
  }
}
