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
 * @param domain applicability domain: per feature, the training minimum and maximum ({@code
 *     [2][features]}); null when unknown
 */
public record PropertyModel(
    int format,
    FeatureSchema schema,
    MlpEnsemble ensemble,
    ConformalCalibration calibration,
    Background background,
    ModelCard card,
    double[][] domain) {

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

  /** Slack on each side of the training range, as a fraction of the range. */
  public static final double DOMAIN_SLACK = 0.1;

  /**
   * Why a feature vector is outside the training domain ("" when inside): a descriptor beyond
   * the training range by more than {@link #DOMAIN_SLACK} of the range means extrapolation the
   * model's cross-validation says nothing about.
   */
  public String outsideDomain(double[] x) {
    if (domain == null) {
      return "";
    }
    for (int j = 0; j < x.length; j++) {
      double lo = domain[0][j];
      double hi = domain[1][j];
      double pad = DOMAIN_SLACK * (hi - lo);
      if (x[j] < lo - pad || x[j] > hi + pad) {
        var f = schema.features().get(j);
        return String.format(java.util.Locale.ROOT,
            "%s = %.3g %s is outside the training range %.3g..%.3g of model %s", f.name(), x[j], f.unit(),
            lo, hi, card.property());
      }
    }
    return "";
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
