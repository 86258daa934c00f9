package io.alloyflow.prediction.api;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import java.util.Map;

/**
 * A trained property model.
 *
 * @param version model version ({@code <property>-<12 hex of the model's SHA-256>})
 * @param property property
 * @param unit its unit
 * @param model the model file (model.json) in the artifact store
 * @param trainingDataSha256 SHA-256 of the training table
 * @param registered whether it was registered as the property's current model
 * @param crossValidation the ensemble's cross-validation metrics (empty without folds)
 * @param provenance what ran: used the training table, generated the model
 */
public record TrainedModel(String version, String property, String unit, ArtifactRef model,
    String trainingDataSha256, boolean registered, Map<String, Double> crossValidation,
    ActivityRecord provenance) {
  public TrainedModel {
    crossValidation = Map.copyOf(crossValidation == null ? Map.of() : crossValidation);
  }
}
