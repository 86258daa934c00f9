package io.alloyflow.prediction.model;

import java.util.Map;

/**
 * Cross-validation results, grouped by alloy formula, of the ensemble and its baselines.
 *
 * @param folds number of folds
 * @param rows rows evaluated
 * @param groups distinct alloy formulas
 * @param largestFamily element set of the largest alloy family (e.g. {@code Al-Co-Cr-Fe-Ni})
 * @param largestFamilyRows its rows
 * @param models per model name: metric name to value ({@code r2}, {@code mae}, {@code rmse},
 *     {@code mape}, {@code mape_largest_family}, and for the shipped model {@code coverage68},
 *     {@code coverage95}, {@code mean_halfwidth95})
 */
public record CvReport(
    int folds,
    int rows,
    int groups,
    String largestFamily,
    int largestFamilyRows,
    Map<String, Map<String, Double>> models) {
  /** Name of the deep ensemble's entry. */
  public static final String ENSEMBLE = "mlp-ensemble";

  /** Name of the entry of the blend of the ensemble with boosted trees (the shipped model when present). */
  public static final String BLEND = "blend";

  /** Metrics of the shipped model: the blend when it was cross-validated, else the ensemble. */
  public Map<String, Double> shipped() {
    return models.containsKey(BLEND) ? models.get(BLEND) : models.get(ENSEMBLE);
  }

  /** Entry name of the shipped model. */
  public String shippedName() {
    return models.containsKey(BLEND) ? BLEND : ENSEMBLE;
  }
}
