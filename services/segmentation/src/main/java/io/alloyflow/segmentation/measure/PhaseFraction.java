package io.alloyflow.segmentation.measure;

/**
 * Area fraction of one phase with its uncertainty.
 *
 * @param className phase name
 * @param fraction area (point) fraction in [0,1]
 * @param standardError standard error of the fraction from field-to-field variation (NaN if one
 *     field)
 * @param ci95 half-width of the 95 % confidence interval (t * SE)
 * @param relativeAccuracyPct ASTM E562 %RA = 100 ci95 / fraction
 * @param fields number of fields used
 */
public record PhaseFraction(
    String className,
    double fraction,
    double standardError,
    double ci95,
    double relativeAccuracyPct,
    int fields) {
  public PhaseFraction {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0,1], found " + fraction);
    }
  }
}
