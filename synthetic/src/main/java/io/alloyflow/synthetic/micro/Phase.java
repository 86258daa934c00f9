package io.alloyflow.synthetic.micro;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A phase of a synthetic microstructure with its composition.
 *
 * @param name phase name (also the class name in the phase label map)
 * @param massFractions element symbol to mass fraction; fractions in [0, 1] summing to 1 within
 *     0.5 % (they are renormalised to exactly 1); iteration order is kept
 * @param relief surface height of this phase after metallographic preparation, in pixels
 *     (positive = stands proud; e.g. martensite after nital etching). Drives SE/topographic
 *     contrast; 0 for a flat polish.
 */
public record Phase(String name, Map<String, Double> massFractions, double relief) {

  public Phase {
    Objects.requireNonNull(name, "phase name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("phase name must not be blank");
    }
    Objects.requireNonNull(massFractions, "mass fractions of phase " + name);
    if (massFractions.isEmpty()) {
      throw new IllegalArgumentException("phase " + name + " has no elements");
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : massFractions.entrySet()) {
      double v = e.getValue();
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(
            "phase " + name + ": mass fraction of " + e.getKey() + " must be in [0,1], found "
                + v);
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > 0.005) {
      throw new IllegalArgumentException(
          "phase " + name + ": mass fractions must sum to 1, found " + sum);
    }
    LinkedHashMap<String, Double> norm = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : massFractions.entrySet()) {
      norm.put(e.getKey(), e.getValue() / sum);
    }
    massFractions = Collections.unmodifiableMap(norm);
    if (!Double.isFinite(relief)) {
      throw new IllegalArgumentException("phase " + name + ": relief must be finite");
    }
  }

  /** A flat phase. */
  public Phase(String name, Map<String, Double> massFractions) {
    this(name, massFractions, 0);
  }
}
