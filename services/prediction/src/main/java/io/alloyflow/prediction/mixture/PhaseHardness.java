package io.alloyflow.prediction.mixture;

/**
 * A phase's Vickers hardness as a literature range.
 *
 * @param phase phase name
 * @param minHv lower end of the reported range (HV)
 * @param maxHv upper end of the reported range (HV)
 * @param source literature source of the range
 */
public record PhaseHardness(String phase, double minHv, double maxHv, String source) {
  public PhaseHardness {
    if (!(minHv > 0) || !(maxHv >= minHv)) {
      throw new IllegalArgumentException(
          "hardness range of " + phase + " must satisfy 0 < min <= max, found " + minHv + ".." + maxHv);
    }
  }

  /** Mid-range value. */
  public double meanHv() {
    return 0.5 * (minHv + maxHv);
  }

  /** Standard deviation of a uniform distribution over the range: (max-min)/sqrt(12). */
  public double sdHv() {
    return (maxHv - minHv) / Math.sqrt(12);
  }
}
