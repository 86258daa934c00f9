package io.alloyflow.prediction.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Objects;

/**
 * A property to predict from a segmented phase map itself (an image model), not from summary
 * numbers.
 *
 * @param property property name, e.g. {@code fracture-strain}
 * @param alloySystem alloy system of the sample (the image models are per system)
 * @param phaseMap the stored phase map (Arrow {@code LabelMap}; carries its pixel size)
 * @param labelPhases phase name of each label value (index = label), e.g. from fusion
 * @param pixelSizeUm pixel size of the phase map in um, NaN to take the map's own
 * @param featureSet the feature table of the analysis (provenance input), null when none
 * @param model shipped model name, "" for the default model of the property
 */
public record PhaseMapPredictionRequest(
    String property,
    String alloySystem,
    ArtifactRef phaseMap,
    List<String> labelPhases,
    double pixelSizeUm,
    ArtifactRef featureSet,
    String model) {
  /**
   * Role, among the prediction's generated artifacts ({@code provenance().generated()}), of the
   * critical-region overlay PNG.
   */
  public static final String OVERLAY_ROLE = "criticalRegions";

  public PhaseMapPredictionRequest {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(phaseMap, "phaseMap");
    alloySystem = alloySystem == null ? "" : alloySystem;
    labelPhases = labelPhases == null ? List.of() : List.copyOf(labelPhases);
    model = model == null ? "" : model;
  }
}
