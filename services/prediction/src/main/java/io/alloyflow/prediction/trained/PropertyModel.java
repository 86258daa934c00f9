package io.alloyflow.prediction.trained;

import io.alloyflow.prediction.features.FeatureSchema;
import io.alloyflow.prediction.model.BoostedTrees;
import io.alloyflow.prediction.model.ConformalCalibration;
import io.alloyflow.prediction.model.FlatBatchModel;
import io.alloyflow.prediction.model.MlpEnsemble;
import io.alloyflow.prediction.model.ModelCard;
import io.alloyflow.prediction.shap.Background;
import java.util.Objects;

/**
 * A trained property model as stored: the feature schema it accepts, the deep ensemble, optionally
 * a boosted-tree member blended with it at a fixed weight, the conformal calibration of its
 * intervals, the background set of its Shapley explanations and its model card.
 *
 * <p>The model's function is {@code f = (1 - w) * ensemble mean + w * trees} (w = {@code
 * treeWeight}, 0 without trees): a fixed-weight blend (stacking with fixed weights; Wolpert,
 * Neural Networks 5 (1992) 241-259). Its Shapley values are the same weighted sum of the members'
 * values (the Shapley value is linear in the game), and its model standard deviation is the
 * spread of the MLP members, calibrated on the blend's own out-of-fold residuals.
 *
 * @param format file format version
 * @param schema feature schema
 * @param ensemble the ensemble
 * @param calibration interval calibration from cross-validation residuals
 * @param background Shapley background
 * @param card model card
 * @param domain applicability domain: per feature, the training minimum and maximum ({@code
 *     [2][features]}); null when unknown
 * @param trees boosted-tree member, null for an ensemble-only model (format 1)
 * @param treeWeight weight of the trees in the blend (0 without trees)
 */
public record PropertyModel(
    int format,
    FeatureSchema schema,
    MlpEnsemble ensemble,
    ConformalCalibration calibration,
    Background background,
    ModelCard card,
    double[][] domain,
    BoostedTrees trees,
    double treeWeight) {

  /** Current file format: 2 adds the boosted-tree member (format 1 files, ensemble only, still load). */
  public static final int FORMAT = 2;

  public PropertyModel {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(ensemble, "ensemble");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(card, "card");
    if (format != FORMAT && format != 1) {
      throw new IllegalArgumentException(
          "model file format " + format + " is not supported (expected 1 or " + FORMAT + ")");
    }
    if (trees == null ? treeWeight != 0 : !(treeWeight >= 0 && treeWeight <= 1)) {
      throw new IllegalArgumentException(
          "tree weight must be in [0, 1] with trees and 0 without, found " + treeWeight
              + (trees == null ? " without trees" : " with trees"));
    }
    if (trees != null && trees.inputs() != schema.size()) {
      throw new IllegalArgumentException(
          "model trees take " + trees.inputs() + " inputs but its schema names " + schema.size());
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

  /** The model's function: the ensemble mean blended with the trees. */
  public FlatBatchModel function() {
    if (trees == null || treeWeight == 0) {
      return ensemble;
    }
    return new FlatBatchModel() {
      @Override
      public double[] predictFlat(double[] rows, int n, int d) {
        return blend(ensemble.predictFlat(rows, n, d), trees.predictFlat(rows, n, d));
      }

      @Override
      public double[] predict(double[][] x) {
        return blend(ensemble.predict(x), trees.predict(x));
      }
    };
  }

  /** {@code (1 - w) a + w b} element-wise. */
  public double[] blend(double[] ensembleMean, double[] treePrediction) {
    double[] o = new double[ensembleMean.length];
    for (int i = 0; i < o.length; i++) {
      o[i] = (1 - treeWeight) * ensembleMean[i] + treeWeight * treePrediction[i];
    }
    return o;
  }

  /**
   * Per row: the model's prediction and the spread (sample standard deviation) of the MLP
   * members, the normaliser of the conformal intervals: {@code [row] -> {mean, std}}.
   */
  public double[][] meanStd(double[][] x) {
    double[][] ms = MlpEnsemble.meanStd(ensemble.predictMembers(x));
    if (trees != null && treeWeight != 0) {
      double[] t = trees.predict(x);
      for (int i = 0; i < ms.length; i++) {
        ms[i][0] = (1 - treeWeight) * ms[i][0] + treeWeight * t[i];
      }
    }
    return ms;
  }

  /** One line naming the model's algorithm, for reports. */
  public String describe() {
    String e = "deep ensemble of " + ensemble.members().size() + " MLPs";
    return trees == null || treeWeight == 0 ? e
        : String.format(java.util.Locale.ROOT, "%.2f x %s + %.2f x XGBoost (%d trees)", 1 - treeWeight, e,
            treeWeight, trees.trees());
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
