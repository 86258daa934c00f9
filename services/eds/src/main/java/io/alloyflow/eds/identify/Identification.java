package io.alloyflow.eds.identify;

import io.alloyflow.core.provenance.AlgorithmInfo;
import java.util.List;

/**
 * Elements found in a spectrum.
 *
 * @param elements identified element families, by decreasing net counts
 * @param detectorFwhmMnKaEv fitted detector resolution
 * @param algorithm provenance
 * @param detectionLimits minimum detectable amounts of the elements asked about and not found
 */
public record Identification(
    List<IdentifiedLine> elements, double detectorFwhmMnKaEv, AlgorithmInfo algorithm,
    List<DetectionLimit> detectionLimits) {
  public Identification {
    elements = List.copyOf(elements);
    detectionLimits = List.copyOf(detectionLimits);
  }

  /** Without detection limits (no element asked about). */
  public Identification(
      List<IdentifiedLine> elements, double detectorFwhmMnKaEv, AlgorithmInfo algorithm) {
    this(elements, detectorFwhmMnKaEv, algorithm, List.of());
  }
}
