/**
 * Property models on microstructure images and volumes: a direct convolutional regression (2D on
 * phase maps, 3D on grain volumes) trained on PyTorch through DJL, interpretable image and volume
 * features (phase fraction, island size and spacing, banding, two-point statistics, orientation
 * and grain-size histograms) for the ridge and XGBoost baselines and for SHAP, and held-out
 * evaluation on a seeded split.
 */
package io.alloyflow.prediction.imagemodels;
