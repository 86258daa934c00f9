package io.alloyflow.workflows.batch;

import java.util.Map;

/**
 * The outcome of one micrograph of a batch.
 *
 * @param index 0-based position in the batch
 * @param sampleId its sample
 * @param fileName its file name
 * @param analysisId the analysis (child workflow id; also its key in the knowledge graph)
 * @param status {@code COMPLETED} or {@code FAILED}
 * @param error why it failed ("" when it completed): the failing step's own message
 * @param phaseFractions segmented phase fractions (empty when failed)
 * @param prediction predicted property name ("" when none)
 * @param predictionMean predicted mean (NaN when none)
 * @param predictionStd its standard deviation (NaN when none)
 */
public record BatchItemResult(int index, String sampleId, String fileName, String analysisId, String status,
    String error, Map<String, Double> phaseFractions, String prediction, double predictionMean,
    double predictionStd) {
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  public BatchItemResult {
    error = error == null ? "" : error;
    phaseFractions = phaseFractions == null ? Map.of() : Map.copyOf(phaseFractions);
    prediction = prediction == null ? "" : prediction;
  }
}
