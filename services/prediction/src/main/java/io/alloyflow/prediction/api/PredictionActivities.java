package io.alloyflow.prediction.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Prediction activities, served by workers polling {@link #TASK_QUEUE}. */
@ActivityInterface
public interface PredictionActivities {
  String TASK_QUEUE = "alloyflow-prediction";

  /**
   * Predicts a property: from composition with the registry's current trained model when the
   * request satisfies its feature schema (with EDS uncertainty propagated), otherwise with the
   * labelled baseline, otherwise unavailable with the reason.
   */
  @ActivityMethod
  PropertyPrediction predictProperty(PredictionRequest request);

  /**
   * Predicts a property from the segmented phase map itself with a shipped image model (fracture
   * strain of dual-phase steel): the map is resampled to the model's training scale and tiled,
   * with uncertainty, a Shapley explanation and a critical-region overlay; unavailable with the
   * reason when no image model applies.
   */
  @ActivityMethod
  PropertyPrediction predictFromPhaseMap(PhaseMapPredictionRequest request);
}
