package io.alloyflow.core.provenance;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Identity of an algorithm as it ran.
 *
 * @param name stable algorithm name, e.g. {@code otsu-threshold}
 * @param version algorithm implementation version (bumped when results may change)
 * @param reference literature reference (author, year, journal) or "n/a"
 * @param parameters every parameter that influences the result, as strings (sorted)
 */
public record AlgorithmInfo(
    String name, String version, String reference, Map<String, String> parameters) {
  public AlgorithmInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    reference = reference == null ? "n/a" : reference;
    parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
  }
}
