package io.alloyflow.workflows.analysis;

import io.alloyflow.eds.api.EdsSpectrumResult;
import io.alloyflow.fusion.api.FusedPhaseResult;
import io.alloyflow.fusion.api.FusionResult;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.prediction.api.PropertyPrediction;
import io.alloyflow.segmentation.api.SegmentPhasesResult;

/**
 * What the analysis produced.
 *
 * @param analysisId workflow id (= analysis node key in the graph)
 * @param runId workflow run id
 * @param segmentation segmentation result
 * @param eds EDS result or null when no EDS data was given
 * @param fusion fused phase view
 * @param prediction property prediction (trained model or labelled baseline) or null when no model
 *     applies
 * @param predictionUnavailable why there is no prediction ("" when there is one)
 * @param graph size of the analysis' provenance subgraph as stored in Neo4j
 * @param spectrumImageFusion registration and fused phases of a spectrum image with the
 *     micrograph, or null when the EDS data was not a spectrum image (or the history predates it)
 * @param imagePrediction a property predicted from the phase map itself (fracture strain of
 *     dual-phase steel), unavailable with its reason when it could not be made, or null when the
 *     alloy system has no image model (or the history predates it)
 */
public record AnalysisResult(
    String analysisId,
    String runId,
    SegmentPhasesResult segmentation,
    EdsSpectrumResult eds,
    FusionResult fusion,
    PropertyPrediction prediction,
    String predictionUnavailable,
    GraphCounts graph,
    FusedPhaseResult spectrumImageFusion,
    PropertyPrediction imagePrediction) {

  /** A result without an image-model prediction. */
  public AnalysisResult(
      String analysisId, String runId, SegmentPhasesResult segmentation, EdsSpectrumResult eds,
      FusionResult fusion, PropertyPrediction prediction, String predictionUnavailable,
      GraphCounts graph, FusedPhaseResult spectrumImageFusion) {
    this(analysisId, runId, segmentation, eds, fusion, prediction, predictionUnavailable, graph,
        spectrumImageFusion, null);
  }

  /** A result without spectrum-image fusion. */
  public AnalysisResult(
      String analysisId, String runId, SegmentPhasesResult segmentation, EdsSpectrumResult eds,
      FusionResult fusion, PropertyPrediction prediction, String predictionUnavailable,
      GraphCounts graph) {
    this(analysisId, runId, segmentation, eds, fusion, prediction, predictionUnavailable, graph, null, null);
  }
}
