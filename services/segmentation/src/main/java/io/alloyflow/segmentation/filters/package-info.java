/**
 * Linear image filters on row-major {@code float[]} images: separable Gaussian smoothing and
 * Gaussian derivatives (Lindeberg 1994, "Scale-Space Theory in Computer Vision", Kluwer), box
 * (integral-image) means (Crow 1984, SIGGRAPH), and the derived multi-scale quantities used by the
 * classical thresholds and the trainable pixel classifier. Boundaries are handled by mirror
 * reflection (scipy's {@code reflect} mode), kernels are truncated at 4 sigma.
 */
package io.alloyflow.segmentation.filters;
