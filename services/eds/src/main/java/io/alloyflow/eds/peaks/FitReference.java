package io.alloyflow.eds.peaks;

import io.alloyflow.core.spectrum.Spectrum;
import io.alloyflow.eds.lines.Family;
import java.util.List;
import java.util.Objects;

/**
 * A reference for filter fitting: the spectrum of a standard and the channel intervals (regions of
 * interest) where one element's line family is found in it.
 *
 * @param element element symbol
 * @param family line family
 * @param spectrum the standard's spectrum
 * @param rois channel intervals [lo, hi] inclusive
 */
public record FitReference(String element, Family family, Spectrum spectrum, List<int[]> rois) {
  public FitReference {
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(spectrum, "spectrum");
    if (rois == null || rois.isEmpty()) {
      throw new IllegalArgumentException(
          "reference " + element + " " + family + " has no region of interest in its spectrum");
    }
    rois = List.copyOf(rois);
  }

  /** Label, e.g. {@code Fe K}. */
  public String label() {
    return element + " " + family;
  }
}
