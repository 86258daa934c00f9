package io.alloyflow.workflows.analysis;

import io.alloyflow.core.provenance.ActivityRecord;
import io.alloyflow.core.store.ArtifactRef;
import io.alloyflow.workflows.ingest.IngestRequest;
import java.util.List;
import java.util.Map;

/**
 * What to analyse.
 *
 * @param sampleId sample the data belong to
 * @param sampleProperties descriptive sample properties recorded in the graph
 * @param alloySystem alloy system ({@code dp-steel}, {@code al-alloy}, {@code unknown}, ...)
 * @param micrograph Arrow-encoded micrograph in the artifact store
 * @param eds EMSA spectrum or Arrow spectrum image in the store, or null
 * @param edsKind {@code spectrum} or {@code spectrumImage} (ignored when eds is null)
 * @param segmentationMethod segmentation method
 * @param phaseClasses number of phase classes
 * @param smoothingSigma Gaussian pre-filter sigma (pixels) before segmentation, 0 = none
 * @param ingest provenance of the client-side decoding of the original files (and of training
 *     the segmentation model, where the client trained one)
 * @param segmentationModel trained segmentation model in the store, or null
 * @param pending input files not yet decoded (a gateway submission): the workflow's first step
 *     ingests them and fills {@code micrograph}, {@code eds} and {@code edsKind}; null when the
 *     caller ingested the inputs itself
 */
public record AnalysisRequest(
    String sampleId,
    Map<String, String> sampleProperties,
    String alloySystem,
    ArtifactRef micrograph,
    ArtifactRef eds,
    String edsKind,
    String segmentationMethod,
    int phaseClasses,
    double smoothingSigma,
    List<ActivityRecord> ingest,
    ArtifactRef segmentationModel,
    IngestRequest pending) {
  public AnalysisRequest {
    sampleProperties = Map.copyOf(sampleProperties == null ? Map.of() : sampleProperties);
    alloySystem = alloySystem == null || alloySystem.isBlank() ? "unknown" : alloySystem;
    segmentationMethod = segmentationMethod == null ? "otsu" : segmentationMethod;
    ingest = List.copyOf(ingest == null ? List.of() : ingest);
  }

  /** A request whose inputs the caller ingested, with an optional trained segmentation model. */
  public AnalysisRequest(
      String sampleId, Map<String, String> sampleProperties, String alloySystem,
      ArtifactRef micrograph, ArtifactRef eds, String edsKind, String segmentationMethod,
      int phaseClasses, double smoothingSigma, List<ActivityRecord> ingest,
      ArtifactRef segmentationModel) {
    this(sampleId, sampleProperties, alloySystem, micrograph, eds, edsKind, segmentationMethod,
        phaseClasses, smoothingSigma, ingest, segmentationModel, null);
  }

  /** The same request with its inputs ingested. */
  public AnalysisRequest withIngested(
      ArtifactRef micrographRef, ArtifactRef edsRef, String kind, List<ActivityRecord> records) {
    List<ActivityRecord> all = new java.util.ArrayList<>(ingest);
    all.addAll(records);
    return new AnalysisRequest(sampleId, sampleProperties, alloySystem, micrographRef, edsRef, kind,
        segmentationMethod, phaseClasses, smoothingSigma, all, segmentationModel, null);
  }

  /** A request without a trained segmentation model. */
  public AnalysisRequest(
      String sampleId, Map<String, String> sampleProperties, String alloySystem,
      ArtifactRef micrograph, ArtifactRef eds, String edsKind, String segmentationMethod,
      int phaseClasses, double smoothingSigma, List<ActivityRecord> ingest) {
    this(sampleId, sampleProperties, alloySystem, micrograph, eds, edsKind, segmentationMethod,
        phaseClasses, smoothingSigma, ingest, null);
  }
}
