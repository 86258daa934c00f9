/**
 * Regression models and their evaluation: the deep ensemble of MLPs trained and evaluated on
 * PyTorch through DJL, the Tribuo baselines (XGBoost, random forest, linear SGD) on the same
 * folds, feature standardisation, normalised conformal calibration of intervals from
 * cross-validation residuals, metrics, and the model card and cross-validation report records.
 */
package io.alloyflow.prediction.model;
