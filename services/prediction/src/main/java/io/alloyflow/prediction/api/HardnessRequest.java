package io.alloyflow.prediction.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Map;
import java.util.Objects;

/**
 * @param alloySystem alloy system (selects the phase hardness library)
 * @param phaseFractions area (= volume, by Delesse's principle) fraction per phase name
 * @param featureSet the feature table the fractions came from (provenance input)
 */
public record HardnessRequest(
    String alloySystem, Map<String, Double> phaseFractions, ArtifactRef featureSet) {
  public HardnessRequest {
    Objects.requireNonNull(alloySystem, "alloySystem");
    phaseFractions = Map.copyOf(phaseFractions);
    Objects.requireNonNull(featureSet, "featureSet");
  }
}
