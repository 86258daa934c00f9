package io.alloyflow.fusion.api;

import io.alloyflow.core.store.ArtifactRef;
import java.util.List;
import java.util.Objects;

/**
 * One field to screen.
 *
 * @param fieldName name of the field (file name), for reports and provenance
 * @param bse Arrow-encoded BSE micrograph of the field (with pixel size)
 * @param spots positions (BSE pixel coordinates) of the EDS spot spectra that exist for the
 *     field; empty when none
 * @param confidenceThreshold a particle whose calibrated top BSE probability is below this is
 *     uncertain (0 = trust every BSE class, above 1 = send every particle to EDS)
 */
public record InclusionScreenRequest(String fieldName, ArtifactRef bse, List<SpotPosition> spots,
    double confidenceThreshold) {

  public InclusionScreenRequest {
    Objects.requireNonNull(bse, "bse");
    fieldName = fieldName == null || fieldName.isBlank() ? "field" : fieldName;
    spots = List.copyOf(spots == null ? List.of() : spots);
    if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1.01)) {
      throw new IllegalArgumentException("confidenceThreshold must be in [0, 1.01], found "
          + confidenceThreshold);
    }
  }

  /** An EDS spot position in BSE pixel coordinates (x to the right, y down). */
  public record SpotPosition(double x, double y) {
    public SpotPosition {
      if (!(x >= 0) || !(y >= 0) || Double.isInfinite(x) || Double.isInfinite(y)) {
        throw new IllegalArgumentException("spot position must be finite and non-negative, found ("
            + x + ", " + y + ")");
      }
    }
  }
}
