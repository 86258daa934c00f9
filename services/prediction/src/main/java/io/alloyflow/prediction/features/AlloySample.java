package io.alloyflow.prediction.features;

import java.util.Locale;
import java.util.Objects;

/**
 * What is known about one alloy sample: its composition and, when known, its processing route,
 * observed phases and test temperature.
 *
 * @param composition atomic fractions
 * @param processing processing route ({@code CAST}, {@code ANNEAL}, {@code POWDER}, {@code
 *     WROUGHT}, {@code OTHER}), "" when unknown
 * @param phases observed phases, '+'-separated (e.g. {@code FCC+BCC}, {@code BCC+Sec.}), "" when
 *     unknown
 * @param testTemperatureC test temperature (degrees C); NaN when not given (room temperature is
 *     assumed, as for the hardness rows of the MPEA data set that omit it)
 */
public record AlloySample(
    Composition composition, String processing, String phases, double testTemperatureC) {
  public AlloySample {
    Objects.requireNonNull(composition, "composition");
    processing = processing == null ? "" : processing.trim().toUpperCase(Locale.ROOT);
    phases = phases == null ? "" : phases.trim();
    if (!Double.isNaN(testTemperatureC) && (testTemperatureC < -273.15 || testTemperatureC > 3000)) {
      throw new IllegalArgumentException(
          "test temperature must be within -273.15..3000 C, found " + testTemperatureC);
    }
  }

  /** A sample known only by its composition. */
  public static AlloySample of(Composition composition) {
    return new AlloySample(composition, "", "", Double.NaN);
  }
}
