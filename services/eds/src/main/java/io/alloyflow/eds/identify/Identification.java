package io.alloyflow.eds.identify;

import io.alloyflow.core.provenance.AlgorithmInfo;
import java.util.List;

/**
 * Elements found in a spectrum.
 *
 * @param elements identified element families, by decreasing net counts
 * @param detectorFwhmMnKaEv fitted detector resolution
 * @param algorithm provenance
 */
public record Identification(
    List<IdentifiedLine> elements, double detectorFwhmMnKaEv, AlgorithmInfo algorithm) {
  public Identification {
    elements = List.copyOf(elements);
  }
}
