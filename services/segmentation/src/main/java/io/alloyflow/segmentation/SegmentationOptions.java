package io.alloyflow.segmentation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How to segment a micrograph into phases.
 *
 * @param method {@code otsu}, {@code multiotsu}, {@code kmeans}, {@code adaptive}, {@code
 *     pixel-classifier}, {@code unet} or {@code ensemble} (pixel classifier + U-Net)
 * @param classes number of classes for multi-Otsu and k-means (2 for Otsu and adaptive)
 * @param model model file (pixel classifier ZIP) or directory (U-Net, ensemble) for the trained
 *     methods
 * @param smoothingSigma Gaussian pre-smoothing in pixels for the classical methods (0 = none)
 * @param localFeatures k-means: add local mean and standard deviation features
 * @param adaptiveBlockSize adaptive threshold neighbourhood (odd)
 * @param fractionTiles fields per side for the phase-fraction standard errors (ASTM E562)
 * @param seed random seed (k-means)
 */
public record SegmentationOptions(
    String method,
    int classes,
    Path model,
    double smoothingSigma,
    boolean localFeatures,
    int adaptiveBlockSize,
    int fractionTiles,
    long seed) {

  /** Accepted method names. */
  public static final java.util.List<String> METHODS =
      java.util.List.of("otsu", "multiotsu", "kmeans", "adaptive", "pixel-classifier", "unet",
          "ensemble");

  public SegmentationOptions {
    Objects.requireNonNull(method, "method");
    method = method.trim().toLowerCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(
          "unknown segmentation method '" + method + "': expected one of " + METHODS);
    }
    if (classes < 2 || classes > 16) {
      throw new IllegalArgumentException("classes must be 2..16, found " + classes);
    }
    if ((method.equals("pixel-classifier") || method.equals("unet") || method.equals("ensemble"))
        && model == null) {
      throw new IllegalArgumentException("method " + method + " needs a trained model (--model)");
    }
    if (smoothingSigma < 0 || !Double.isFinite(smoothingSigma)) {
      throw new IllegalArgumentException("smoothing sigma must be >= 0, found " + smoothingSigma);
    }
    if (adaptiveBlockSize < 3 || adaptiveBlockSize % 2 == 0) {
      throw new IllegalArgumentException(
          "adaptive block size must be odd and >= 3, found " + adaptiveBlockSize);
    }
    if (fractionTiles < 1) {
      throw new IllegalArgumentException("fraction tiles must be >= 1, found " + fractionTiles);
    }
  }

  /** Defaults for a method and class count. */
  public static SegmentationOptions of(String method, int classes) {
    return new SegmentationOptions(method, classes, null, 0, false, 51, 4, 42L);
  }

  /** Defaults for a trained method. */
  public static SegmentationOptions withModel(String method, Path model) {
    return new SegmentationOptions(method, 2, model, 0, false, 51, 4, 42L);
  }
}
