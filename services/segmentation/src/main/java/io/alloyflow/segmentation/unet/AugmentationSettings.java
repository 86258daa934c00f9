package io.alloyflow.segmentation.unet;

/**
 * Training-time data augmentation, recorded in the model's provenance. Geometric: random
 * multiples of 90 degree rotation and horizontal/vertical flips (the dihedral group D4, exact for
 * square pixels), and isotropic rescaling by a log-uniform factor in [scaleMin, scaleMax]
 * (bilinear for the image, nearest for the mask). Photometric, on intensities scaled to [0, 1]:
 * contrast factor in [contrastMin, contrastMax] about 0.5, brightness offset in
 * [-brightness, brightness], Poisson (shot) noise with probability {@code poissonProbability} at a
 * peak count drawn log-uniformly from [poissonPeakMin, poissonPeakMax] counts per unit intensity,
 * and additive Gaussian noise with sigma uniform in [0, gaussianSigmaMax]. The augmentation
 * recipe follows Ronneberger et al. (2015, MICCAI) and Buslaev et al. (2020, Information 11(2)
 * 125, "Albumentations").
 */
public record AugmentationSettings(
    boolean rotate90,
    boolean flips,
    double scaleMin,
    double scaleMax,
    double contrastMin,
    double contrastMax,
    double brightness,
    double poissonProbability,
    double poissonPeakMin,
    double poissonPeakMax,
    double gaussianSigmaMax) {

  public AugmentationSettings {
    if (!(scaleMin > 0) || !(scaleMax >= scaleMin) || scaleMax > 8) {
      throw new IllegalArgumentException(
          "augmentation scale range must satisfy 0 < min <= max <= 8, found ["
              + scaleMin + ", " + scaleMax + "]");
    }
    if (!(contrastMin > 0) || !(contrastMax >= contrastMin)) {
      throw new IllegalArgumentException(
          "augmentation contrast range must satisfy 0 < min <= max, found ["
              + contrastMin + ", " + contrastMax + "]");
    }
    if (!(brightness >= 0) || !(gaussianSigmaMax >= 0)) {
      throw new IllegalArgumentException(
          "brightness and Gaussian sigma must be >= 0, found " + brightness + ", "
              + gaussianSigmaMax);
    }
    if (!(poissonProbability >= 0 && poissonProbability <= 1)) {
      throw new IllegalArgumentException(
          "Poisson noise probability must be in [0, 1], found " + poissonProbability);
    }
    if (!(poissonPeakMin > 0) || !(poissonPeakMax >= poissonPeakMin)) {
      throw new IllegalArgumentException(
          "Poisson peak counts must satisfy 0 < min <= max, found ["
              + poissonPeakMin + ", " + poissonPeakMax + "]");
    }
  }

  /** No augmentation at all (crops only). */
  public static AugmentationSettings none() {
    return new AugmentationSettings(false, false, 1, 1, 1, 1, 0, 0, 1, 1, 0);
  }

  /** Defaults suited to SEM micrographs. */
  public static AugmentationSettings defaults() {
    return new AugmentationSettings(true, true, 0.8, 1.25, 0.75, 1.33, 0.1, 0.3, 20, 400, 0.04);
  }
}
