package io.alloyflow.workflows.training;

import java.util.regex.Pattern;

/**
 * A property model to (re)train.
 *
 * @param trainingId id, {@code training-} followed by 1..64 letters, digits or '-'
 * @param property property (e.g. {@code hardness})
 * @param dataPath the training table (CSV, MPEA layout) under the data roots
 * @param members ensemble members (0 = 5)
 * @param epochs epochs per member (0 = 300)
 * @param folds grouped cross-validation folds, 2..10 (0 = 5)
 * @param seed base seed
 * @param register register the model as the property's current one
 */
public record ModelTrainingRequest(String trainingId, String property, String dataPath,
    int members, int epochs, int folds, long seed, boolean register) {
  public static final Pattern ID = Pattern.compile("training-[A-Za-z0-9-]{1,64}");

  public ModelTrainingRequest {
    if (trainingId == null || !ID.matcher(trainingId).matches()) {
      throw new IllegalArgumentException("trainingId must be 'training-' followed by 1..64"
          + " letters, digits or '-', found '" + trainingId + "'");
    }
    if (dataPath == null || dataPath.isBlank()) {
      throw new IllegalArgumentException("dataPath is required: the training table");
    }
    property = property == null || property.isBlank() ? "hardness" : property;
    members = members == 0 ? 5 : members;
    epochs = epochs == 0 ? 300 : epochs;
    folds = folds == 0 ? 5 : folds;
  }
}
