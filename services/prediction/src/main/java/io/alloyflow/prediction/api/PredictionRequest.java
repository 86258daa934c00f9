package io.alloyflow.prediction.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Map;
import java.util.Objects;

/**
 * What an analysis knows about a sample, for predicting one property.
 *
 * @param property property name, e.g. {@code hardness}
 * @param alloySystem alloy system (selects the labelled baseline when no trained model applies)
 * @param phaseFractions area (= volume, by Delesse's principle) fraction per phase name
 * @param composition atomic fraction per element symbol (e.g. from EDS quantification); empty when
 *     unknown
 * @param compositionSigma standard uncertainty of each atomic fraction; empty when unknown
 * @param processing processing route ({@code CAST}, {@code ANNEAL}, ...), "" when unknown
 * @param phases observed phase types, e.g. {@code FCC+BCC}, "" when unknown
 * @param testTemperatureC test temperature (degrees C), NaN for room temperature
 * @param featureSet the feature table the inputs came from (provenance input)
 * @param compositionSource the EDS spectrum the composition was quantified from, null when none
 */
public record PredictionRequest(
    String property,
    String alloySystem,
    Map<String, Double> phaseFractions,
    Map<String, Double> composition,
    Map<String, Double> compositionSigma,
    String processing,
    String phases,
    double testTemperatureC,
    ArtifactRef featureSet,
    ArtifactRef compositionSource) {
  public PredictionRequest {
    Objects.requireNonNull(property, "property");
    alloySystem = alloySystem == null ? "" : alloySystem;
    phaseFractions = phaseFractions == null ? Map.of() : Map.copyOf(phaseFractions);
    composition = composition == null ? Map.of() : Map.copyOf(composition);
    compositionSigma = compositionSigma == null ? Map.of() : Map.copyOf(compositionSigma);
    processing = processing == null ? "" : processing;
    phases = phases == null ? "" : phases;
    Objects.requireNonNull(featureSet, "featureSet");
  }

  /** A hardness request from phase fractions alone (the baseline's inputs). */
  public static PredictionRequest hardness(
      String alloySystem, Map<String, Double> phaseFractions, ArtifactRef featureSet) {
    return new PredictionRequest("hardness", alloySystem, phaseFractions, Map.of(), Map.of(), "", "",
        Double.NaN, featureSet, null);
  }
}
