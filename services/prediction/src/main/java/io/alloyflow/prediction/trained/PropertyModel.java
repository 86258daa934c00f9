package io.alloyflow.prediction.trained;

import io.alloyflow.prediction.features.FeatureSchema;
import io.alloyflow.prediction.model.ConformalCalibration;
import io.alloyflow.prediction.model.MlpEnsemble;
import io.alloyflow.prediction.model.ModelCard;
import io.alloyflow.prediction.shap.Background;
import java.util.Objects;

/**
 * A trained property model as stored: the feature schema it accepts, the deep ensemble, the
 * conformal calibration of its intervals, the background set of its Shapley explanations and its
 * model card.
 *
 * @param format file format version
 * @param schema feature schema
 * @param ensemble the ensemble
 * @param calibration interval calibration from cross-validation residuals
 * @param background Shapley background
 * @param card model card
 */
public record PropertyModel(
    int format,
    FeatureSchema schema,
    MlpEnsemble ensemble,
    ConformalCalibration calibration,
    Background background,
    ModelCard card) {

  /** Current file format. */
  public static final int FORMAT = 1;

  public PropertyModel {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(ensemble, "ensemble");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(card, "card");
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "model file format " + format + " is not supported (expected " + FORMAT + ")");
    }
    if (ensemble.inputs() != schema.size()) {
      throw new IllegalArgumentException(
          "model takes " + ensemble.inputs() + " inputs but its schema names " + schema.size());
    }
  }

  /** Property name. */
  public String property() {
    return card.property();
  }

  /** Unit. */
  public String unit() {
    return card.unit();
  }
}
