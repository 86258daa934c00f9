package io.alloyflow.eds.background;

import io.alloyflow.core.spectrum.EnergyAxis;
import io.alloyflow.eds.peaks.DetectorResolution;
import io.alloyflow.eds.peaks.TopHatFilter;

/**
 * Background suppression by the zero-sum top-hat filter (Schamber 1977; Statham 1977): the
 * filtered spectrum has no linear background component. Returned as "spectrum minus filtered"
 * would be meaningless, so this class exposes the suppressed (filtered) spectrum itself.
 */
public final class TopHat {
  private TopHat() {}

  /** The top-hat filtered spectrum (peaks kept with negative side lobes, background removed). */
  public static double[] suppress(double[] counts, EnergyAxis axis, DetectorResolution res) {
    return new TopHatFilter(axis, counts.length, res).apply(counts);
  }
}
