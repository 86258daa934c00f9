package io.alloyflow.prediction.api;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Training of property models as an activity, served on {@link PredictionActivities#TASK_QUEUE}
 * beside the predictions: a deep MLP ensemble on an alloy table (MPEA layout) from the artifact
 * store, saved with its card, optionally registered in the model registry as the current model of
 * its property. It heartbeats while it trains.
 */
@ActivityInterface
public interface ModelTrainingActivities {

  /** Trains (and optionally registers) a property model. */
  @ActivityMethod
  TrainedModel trainPropertyModel(TrainModelRequest request);
}
