package io.alloyflow.eds.peaks;

import io.alloyflow.core.spectrum.EnergyAxis;
import java.util.ArrayList;
import java.util.List;

/**
 * Peak search on the top-hat filtered spectrum: local maxima of the filtered counts whose
 * significance (filtered value over its Poisson standard deviation) exceeds a threshold
 * (Statham 1977; the same statistic DTSA-II uses for its peak search). Peak positions are refined
 * to a fraction of a channel by a three-point parabola.
 */
public final class PeakSearch {
  private PeakSearch() {}

  /**
   * A peak.
   *
   * @param channel refined (fractional) channel
   * @param energyEv energy at the refined channel
   * @param filtered filtered value at the maximum
   * @param significance filtered value over its standard deviation
   */
  public record Peak(double channel, double energyEv, double filtered, double significance) {}

  /** Finds peaks above an energy with significance >= threshold, strongest first. */
  public static List<Peak> find(
      double[] counts, EnergyAxis axis, DetectorResolution res, double minEnergyEv,
      double threshold) {
    TopHatFilter f = new TopHatFilter(axis, counts.length, res);
    double[] fs = f.apply(counts);
    double[] var = f.variance(counts);
    List<Peak> out = new ArrayList<>();
    for (int i = 2; i < counts.length - 2; i++) {
      if (axis.energyEv(i) < minEnergyEv || !Double.isFinite(var[i])) {
        continue;
      }
      if (fs[i] > 0 && fs[i] >= fs[i - 1] && fs[i] > fs[i + 1]) {
        double sig = fs[i] / Math.sqrt(var[i]);
        if (sig >= threshold) {
          double den = fs[i - 1] - 2 * fs[i] + fs[i + 1];
          double shift = den < 0 ? 0.5 * (fs[i - 1] - fs[i + 1]) / den : 0;
          shift = Math.max(-0.5, Math.min(0.5, shift));
          double ch = i + shift;
          out.add(new Peak(ch, axis.energyEv(ch), fs[i], sig));
        }
      }
    }
    out.sort((a, b) -> Double.compare(b.significance(), a.significance()));
    return out;
  }
}
