package io.alloyflow.workflows.campaign;

import java.util.Map;

/**
 * A tell: the measurements of a trial. They must include the campaign's objective; every value
 * must be finite. Telling the same trial the same measurements again changes nothing.
 *
 * @param trialId the trial
 * @param measurements property name to measured value
 * @param enteredBy who tells (recorded with the measurements)
 */
public record TellRequest(String trialId, Map<String, Double> measurements, String enteredBy) {
  public TellRequest {
    if (trialId == null || trialId.isBlank()) {
      throw new IllegalArgumentException("trialId is required");
    }
    if (measurements == null || measurements.isEmpty()) {
      throw new IllegalArgumentException("measurements must name at least the objective");
    }
    for (Map.Entry<String, Double> e : measurements.entrySet()) {
      if (e.getKey() == null || !e.getKey().matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
        throw new IllegalArgumentException("measurement names are property names like hardnessHv, found '" + e.getKey() + "'");
      }
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException("measurement '" + e.getKey() + "' must be a finite number, found " + e.getValue());
      }
    }
    measurements = Map.copyOf(measurements);
    enteredBy = enteredBy == null || enteredBy.isBlank() ? "unknown" : enteredBy;
  }
}
