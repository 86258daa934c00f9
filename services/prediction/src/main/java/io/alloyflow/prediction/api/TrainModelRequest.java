package io.alloyflow.prediction.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.Objects;

/**
 * A property model to train.
 *
 * @param property property name (e.g. {@code hardness})
 * @param trainingData the training table (CSV in the MPEA layout) in the artifact store
 * @param members ensemble members, 1..20
 * @param epochs epochs per member, 1..5000
 * @param folds grouped cross-validation folds, 2..10 (the conformal intervals are calibrated on
 *     their residuals)
 * @param seed base seed
 * @param register whether to register the model and make it the property's current one
 */
public record TrainModelRequest(String property, ArtifactRef trainingData, int members,
    int epochs, int folds, long seed, boolean register) {
  public TrainModelRequest {
    Objects.requireNonNull(trainingData, "trainingData");
    if (property == null || property.isBlank()) {
      throw new IllegalArgumentException("property is required");
    }
    if (members < 1 || members > 20 || epochs < 1 || epochs > 5000
        || folds < 2 || folds > 10) {
      throw new IllegalArgumentException("training needs members 1..20, epochs 1..5000 and folds"
          + " 2..10; found " + members + ", " + epochs + ", " + folds);
    }
  }
}
