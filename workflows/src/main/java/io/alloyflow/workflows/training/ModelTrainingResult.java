package io.alloyflow.workflows.training;

import io.alloyflow.prediction.api.TrainedModel;

/**
 * A finished training.
 *
 * @param trainingId the training
 * @param model the trained (and possibly registered) model
 */
public record ModelTrainingResult(String trainingId, TrainedModel model) {}
