package io.alloyflow.workflows.campaign;

import java.util.Map;

/**
 * One trial of a campaign: a proposed candidate and, once told, its measurements.
 *
 * @param trialId stable id, {@code <campaignId>-t<number>}; telling it twice is idempotent
 * @param number 1-based number within the campaign
 * @param batch the ask that proposed it (1-based)
 * @param parameters the candidate's parameter values
 * @param predictedMean surrogate mean of the objective when proposed (NaN for space-filling ones)
 * @param predictedStd surrogate standard deviation (NaN for space-filling ones)
 * @param acquisition acquisition value when proposed (NaN for space-filling ones)
 * @param status {@link #AWAITING_APPROVAL}, {@link #PENDING} or {@link #COMPLETED}
 * @param measurements measured values, empty until told
 */
public record Trial(
    String trialId,
    int number,
    int batch,
    Map<String, Double> parameters,
    double predictedMean,
    double predictedStd,
    double acquisition,
    String status,
    Map<String, Double> measurements) {
  public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
  public static final String PENDING = "PENDING";
  public static final String COMPLETED = "COMPLETED";

  public Trial {
    parameters = Map.copyOf(parameters);
    measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
  }

  /** The same trial with another status. */
  public Trial withStatus(String s) {
    return new Trial(trialId, number, batch, parameters, predictedMean, predictedStd, acquisition, s, measurements);
  }

  /** The same trial, completed with its measurements. */
  public Trial completed(Map<String, Double> m) {
    return new Trial(trialId, number, batch, parameters, predictedMean, predictedStd, acquisition, COMPLETED, m);
  }
}
