package io.alloyflow.synthetic.sem;

import io.alloyflow.core.image.SignalType;

/**
 * Imaging conditions of the simulated SEM.
 *
 * @param signal BSE or SE (also INLENS, treated as SE)
 * @param topographyWeight share of the SE/topographic yield in the recorded signal, 0..1 (0 = pure
 *     material contrast BSE; 1 = pure SE; intermediate values model a BSE detector recording
 *     topographic contrast of an etched surface)
 * @param dosePerPixel primary electrons per pixel (dwell time x probe current / e), > 0
 * @param probeSigmaPx Gaussian probe (and interaction volume) blur sigma, pixels, >= 0
 * @param gain detector gain in grey levels per detected electron (NaN: automatic, ~60 % of full
 *     scale at the brightest expected yield)
 * @param offset detector offset (black level) in grey levels
 * @param scanJitterPx standard deviation of the per-line horizontal scan jitter, pixels
 * @param driftXPx total horizontal drift over the frame, pixels (linear in scan time)
 * @param driftYPx total vertical drift over the frame, pixels
 */
public record SemConditions(
    SignalType signal,
    double topographyWeight,
    double dosePerPixel,
    double probeSigmaPx,
    double gain,
    double offset,
    double scanJitterPx,
    double driftXPx,
    double driftYPx) {

  public SemConditions {
    if (signal == null) {
      throw new IllegalArgumentException("signal type is required");
    }
    if (!(topographyWeight >= 0 && topographyWeight <= 1)) {
      throw new IllegalArgumentException(
          "topography weight must be in [0,1], found " + topographyWeight);
    }
    if (!(dosePerPixel > 0) || Double.isInfinite(dosePerPixel)) {
      throw new IllegalArgumentException(
          "dose must be a positive number of electrons per pixel, found " + dosePerPixel);
    }
    if (!(probeSigmaPx >= 0) || !(scanJitterPx >= 0)) {
      throw new IllegalArgumentException("probe sigma and scan jitter must be >= 0 pixels");
    }
    if (!Double.isNaN(gain) && !(gain > 0)) {
      throw new IllegalArgumentException("gain must be positive or NaN (automatic), found " + gain);
    }
    if (!Double.isFinite(offset) || !Double.isFinite(driftXPx) || !Double.isFinite(driftYPx)) {
      throw new IllegalArgumentException("offset and drift must be finite");
    }
  }

  /** Material-contrast BSE: 200 e/pixel, 0.8 px probe, mild jitter and drift. */
  public static SemConditions bse() {
    return new SemConditions(SignalType.BSE, 0.0, 200, 0.8, Double.NaN, 1000, 0.15, 0.5, 0.3);
  }

  /** SE imaging (topography and edges). */
  public static SemConditions se() {
    return new SemConditions(SignalType.SE, 1.0, 200, 0.8, Double.NaN, 1000, 0.15, 0.5, 0.3);
  }

  /** A copy with another topography weight. */
  public SemConditions withTopographyWeight(double w) {
    return new SemConditions(signal, w, dosePerPixel, probeSigmaPx, gain, offset, scanJitterPx,
        driftXPx, driftYPx);
  }

  /** A copy with another dose. */
  public SemConditions withDose(double dose) {
    return new SemConditions(signal, topographyWeight, dose, probeSigmaPx, gain, offset,
        scanJitterPx, driftXPx, driftYPx);
  }
}
