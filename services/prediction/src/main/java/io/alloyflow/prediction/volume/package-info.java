/**
 * Properties of grain volumes: engineered features (grain-size and orientation histograms,
 * two-point statistics of the orientation field) and the 3D-CNN input channels for the volume
 * models, after Herriott and Spear (Comput. Mater. Sci. 175 (2020) 109599).
 */
package io.alloyflow.prediction.volume;
