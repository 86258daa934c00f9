package io.alloyflow.core.spectrum;

import java.util.Map;
import java.util.Objects;

/**
 * One EDS spectrum with the acquisition conditions that quantification needs.
 *
 * @param counts counts per channel (non-negative, finite)
 * @param axis energy axis
 * @param liveTimeS live time in seconds (NaN when unknown)
 * @param realTimeS real time in seconds (NaN when unknown)
 * @param beamEnergyKeV incident beam energy in keV (> 0; NaN when unknown)
 * @param takeoffAngleDeg X-ray takeoff (elevation) angle in degrees (NaN when unknown)
 * @param probeCurrentNa probe current in nA (NaN when unknown)
 * @param title free-text title
 * @param metadata every other header keyword, verbatim, including EMSA {@code ##} custom keywords
 *     (e.g. {@code ##D2STDCMP})
 */
public record Spectrum(
    double[] counts,
    EnergyAxis axis,
    double liveTimeS,
    double realTimeS,
    double beamEnergyKeV,
    double takeoffAngleDeg,
    double probeCurrentNa,
    String title,
    Map<String, String> metadata) {

  public Spectrum {
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(axis, "axis");
    if (counts.length == 0) {
      throw new IllegalArgumentException("spectrum has no channels");
    }
    for (int i = 0; i < counts.length; i++) {
      if (!(counts[i] >= 0) || Double.isInfinite(counts[i])) {
        throw new IllegalArgumentException(
            "channel " + i + " holds " + counts[i] + ": expected a finite non-negative count");
      }
    }
    title = title == null ? "" : title;
    metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
  }

  public int channels() {
    return counts.length;
  }

  /** Sum of counts over all channels. */
  public double totalCounts() {
    double s = 0;
    for (double c : counts) {
      s += c;
    }
    return s;
  }

  /** A copy with other counts and the same conditions. */
  public Spectrum withCounts(double[] newCounts) {
    return new Spectrum(
        newCounts, axis, liveTimeS, realTimeS, beamEnergyKeV, takeoffAngleDeg, probeCurrentNa,
        title, metadata);
  }

  /** A copy with another energy axis (after calibration). */
  public Spectrum withAxis(EnergyAxis newAxis) {
    return new Spectrum(
        counts, newAxis, liveTimeS, realTimeS, beamEnergyKeV, takeoffAngleDeg, probeCurrentNa,
        title, metadata);
  }
}
