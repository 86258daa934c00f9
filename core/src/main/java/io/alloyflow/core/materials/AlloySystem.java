package io.alloyflow.core.materials;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An alloy system known to the project and the phases it is expected to show.
 *
 * @param key lower-case identifier used in requests, samples and models (e.g. {@code dp-steel})
 * @param description what the system is
 * @param phases phase names, in the system's conventional order (for the imaged systems: darkest
 *     first in the usual SEM contrast; see {@link AlloySystems})
 */
public record AlloySystem(String key, String description, List<String> phases) {
  public AlloySystem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
    phases = List.copyOf(phases);
    if (key.isBlank() || !key.equals(key.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "alloy system key must be non-blank lower case, found '" + key + "'");
    }
    if (phases.isEmpty() || phases.stream().distinct().count() != phases.size()) {
      throw new IllegalArgumentException(
          "alloy system " + key + " needs at least one phase and distinct phase names, found " + phases);
    }
  }

  /** True when {@code phase} is one of this system's phases (exact name). */
  public boolean hasPhase(String phase) {
    return phases.contains(phase);
  }
}
