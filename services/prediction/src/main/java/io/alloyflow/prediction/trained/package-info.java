/**
 * Trained property models end to end: the training run (grouped cross-validation of the ensemble
 * against the baselines, conformal calibration, final fit, model card), the stored model format
 * with its version derived from the SHA-256 of its bytes, and batch prediction with calibrated
 * model uncertainty, Monte Carlo propagation of composition uncertainty and Shapley values.
 */
package io.alloyflow.prediction.trained;
