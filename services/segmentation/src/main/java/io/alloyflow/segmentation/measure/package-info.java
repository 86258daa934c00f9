/**
 * Microstructure measurements with uncertainty: region properties (area, ECD, Feret, convex hull,
 * ellipse axes), phase area fractions with field-to-field standard errors (ASTM E562), grain size by
 * the Heyn lineal-intercept and Jeffries planimetric methods with G numbers and 95 % confidence
 * intervals (ASTM E112), the automated per-grain variant (ASTM E1382), particle and inclusion size
 * distributions, inclusion detection in BSE images and satellite counts per powder particle. The
 * facade {@link io.alloyflow.segmentation.measure.Measurements} combines them for a phase map.
 */
package io.alloyflow.segmentation.measure;
