package io.alloyflow.synthetic;

import io.alloyflow.core.image.LabelMap;
import io.alloyflow.core.image.Micrograph;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A synthetic sample: its simulated BSE micrograph and exact truth.
 *
 * @param bse the 16-bit simulated micrograph with pixel size
 * @param phases phase label map (class names = phase names)
 * @param phaseCompositions phase name to element to mass fraction
 * @param phaseFractions phase name to measured area fraction of the label map
 * @param parameters generator and imaging parameters
 * @param seed the seed
 */
public record SyntheticSample(
    Micrograph bse,
    LabelMap phases,
    Map<String, Map<String, Double>> phaseCompositions,
    Map<String, Double> phaseFractions,
    Map<String, Object> parameters,
    long seed) {

  public SyntheticSample {
    Objects.requireNonNull(bse, "bse");
    Objects.requireNonNull(phases, "phases");
    if (bse.width() != phases.width() || bse.height() != phases.height()) {
      throw new IllegalArgumentException("micrograph " + bse.width() + "x" + bse.height()
          + " and label map " + phases.width() + "x" + phases.height() + " differ in size");
    }
    phaseCompositions = Collections.unmodifiableMap(new LinkedHashMap<>(phaseCompositions));
    phaseFractions = Collections.unmodifiableMap(new LinkedHashMap<>(phaseFractions));
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}
