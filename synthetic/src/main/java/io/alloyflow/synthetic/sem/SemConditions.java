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

  /** Elementary charge in coulombs (SI 2019, exact). */
  public static final double ELEMENTARY_CHARGE_C = 1.602176634e-19;

  /** Probe current of the default recorded micrograph, amperes (1 nA). */
  public static final double RECORDED_PROBE_CURRENT_A = 1e-9;

  /** Pixel dwell time of the default recorded micrograph, seconds (2 us). */
  public static final double RECORDED_DWELL_S = 2e-6;

  /**
   * Default dose: that of a recorded (slow-scan) micrograph, N = I t / e = 1 nA x 2 us / e =
   * 12,483 primary electrons per pixel (a 1024 x 768 frame in about 1.6 s). The choice follows the
   * threshold equation of J.I. Goldstein, D.E. Newbury, J.R. Michael, N.W.M. Ritchie, J.H.J. Scott
   * and D.C. Joy, Scanning Electron Microscopy and X-Ray Microanalysis, 4th ed., Springer 2018,
   * ch. 5: a contrast C is visible (Rose criterion, signal-to-noise 5) when the beam current
   * exceeds I_B = 4e-12 / (eps C^2 t_f) A for a 10^6-pixel frame of t_f seconds and detector
   * efficiency eps, i.e. when the dose exceeds 25 / (eps C^2) electrons per pixel. Recorded
   * micrographs are taken at about 1 nA with dwell times of microseconds to tens of microseconds,
   * so 10^4 e/px (order of magnitude) is the low end of a recorded frame, not a generous one: the
   * weakest contrasts the generators draw need 3e4-3e5 e/px
   * (bench/segmentation/synthetic-limits.md).
   */
  public static final double RECORDED_DOSE_PER_PIXEL =
      RECORDED_PROBE_CURRENT_A * RECORDED_DWELL_S / ELEMENTARY_CHARGE_C;

  /**
   * Dose of a TV-rate live-view frame (about 30 ns per pixel at 1 nA): the generators' default
   * before issue 17, kept for tests and benches that study very noisy images.
   */
  public static final double LIVE_VIEW_DOSE_PER_PIXEL = 200;

  /**
   * Material-contrast BSE of a recorded micrograph ({@link #RECORDED_DOSE_PER_PIXEL}), 0.8 px
   * probe, mild jitter and drift.
   */
  public static SemConditions bse() {
    return new SemConditions(SignalType.BSE, 0.0, RECORDED_DOSE_PER_PIXEL, 0.8, Double.NaN, 1000,
        0.15, 0.5, 0.3);
  }

  /** SE imaging (topography and edges) at the recorded dose {@link #RECORDED_DOSE_PER_PIXEL}. */
  public static SemConditions se() {
    return new SemConditions(SignalType.SE, 1.0, RECORDED_DOSE_PER_PIXEL, 0.8, Double.NaN, 1000,
        0.15, 0.5, 0.3);
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
