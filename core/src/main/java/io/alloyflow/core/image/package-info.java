/**
 * Image domain values: {@link io.alloyflow.core.image.Micrograph} (a single-channel SEM image
 * with its physical pixel size and detector signal) and {@link io.alloyflow.core.image.LabelMap}
 * (per-pixel class or instance labels with class names), plus shared exact image kernels (the
 * Euclidean distance transform) used by both the generators and the services. Pixel data are
 * row-major.
 */
package io.alloyflow.core.image;
