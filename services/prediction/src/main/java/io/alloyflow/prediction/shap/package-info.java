/**
 * Shapley explanations of batch models: exact interventional Shapley values over all coalitions of
 * feature groups against a weighted background set (k-means medoids of the training rows), the
 * same values for boosted trees by path traversal (interventional Tree SHAP), blends by linearity,
 * Kernel SHAP for more players, an additivity check on every explanation (base value plus the sum
 * of the values equals the prediction within 1e-6 relative), and PNG charts (global mean |SHAP|
 * bars, per-prediction waterfall). Pure Java apart from the model being explained.
 */
package io.alloyflow.prediction.shap;
