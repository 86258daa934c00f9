package io.alloyflow.workflows.candidate;

import io.alloyflow.prediction.api.PropertyPrediction;
import java.util.Map;

/**
 * What the evaluation of a candidate found.
 *
 * @param candidateId the candidate
 * @param analysisId the analysis of its synthetic micrograph and spectrum (child workflow id)
 * @param phaseFractions segmented phase fractions
 * @param composition EDS-quantified composition (atomic fractions)
 * @param prediction predicted hardness with uncertainty and Shapley explanation, or null
 * @param predictionUnavailable why there is none ("" when there is one)
 * @param truth the synthetic world's ground truth of the candidate
 */
public record CandidateResult(String candidateId, String analysisId, Map<String, Double> phaseFractions,
    Map<String, Double> composition, PropertyPrediction prediction, String predictionUnavailable,
    Map<String, Double> truth) {}
