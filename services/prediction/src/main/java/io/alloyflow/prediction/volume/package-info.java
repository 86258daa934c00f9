/**
 * Properties of grain volumes: engineered features (grain-size and orientation histograms,
 * two-point statistics of the orientation field) for the ridge and XGBoost baselines, the 3D-CNN
 * input channels, the load's exact symmetry group (circular shifts and the 16 maps that keep the
 * tension axis, with grain orientations mapped consistently), the symmetric 3D CNN and its seed
 * ensemble (periodic padding, augmentation and test-time averaging over the group), and the
 * validated comparison that chooses every setting on a validation part of the training volumes,
 * after Herriott and Spear (Comput. Mater. Sci. 175 (2020) 109599).
 */
package io.alloyflow.prediction.volume;
