/**
 * The segmentation service. {@link io.alloyflow.segmentation.Segmenter} is the facade the activity,
 * the HTTP API and the CLI call: it segments a micrograph into phases with a classical method
 * (Otsu, multi-Otsu, k-means, adaptive threshold), the trainable pixel classifier or the U-Net,
 * and returns the label map, class names, phase fractions with standard errors and the
 * AlgorithmInfo of what ran. Measurements live in {@code measure}, metrics in {@code metrics},
 * dataset loading in {@code io}, commands in {@code cli}; the algorithm packages are plain Java
 * without framework dependencies.
 */
package io.alloyflow.segmentation;
