package io.alloyflow.prediction.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Prediction activities, served by workers polling {@link #TASK_QUEUE}. */
@ActivityInterface
public interface PredictionActivities {
  String TASK_QUEUE = "alloyflow-prediction";

  /** Predicts Vickers hardness from a microstructure's phase fractions. */
  @ActivityMethod
  HardnessPrediction predictHardness(HardnessRequest request);
}
