package io.alloyflow.graph;

import io.alloyflow.core.provenance.ActivityRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one analysis workflow execution did so far, ready to be written to the graph. The
 * workflow writes it after every step (status {@code RUNNING}), once more at the end ({@code
 * COMPLETED}), or with the reason when a step failed ({@code FAILED}); every write is an
 * idempotent merge, so the graph always holds the newest state and never a duplicate.
 *
 * @param analysisId stable id of the analysis (the Temporal workflow id)
 * @param runId Temporal run id
 * @param workflowType workflow type name
 * @param sampleId sample the inputs belong to
 * @param sampleProperties descriptive properties of the sample (alloy system, source, seed...)
 * @param startedAtEpochMs workflow start time
 * @param activities the activity records, in execution order
 * @param status {@code RUNNING}, {@code COMPLETED} or {@code FAILED} (null = {@code COMPLETED})
 * @param failedStep the step that failed ("" unless {@code FAILED})
 * @param failureReason why it failed ("" unless {@code FAILED})
 */
public record AnalysisProvenance(
    String analysisId,
    String runId,
    String workflowType,
    String sampleId,
    Map<String, String> sampleProperties,
    long startedAtEpochMs,
    List<ActivityRecord> activities,
    String status,
    String failedStep,
    String failureReason) {
  /** Status values an analysis can have in the graph. */
  public static final Set<String> STATUSES = Set.of("RUNNING", "COMPLETED", "FAILED");

  public AnalysisProvenance {
    Objects.requireNonNull(analysisId, "analysisId");
    Objects.requireNonNull(sampleId, "sampleId");
    runId = runId == null ? "" : runId;
    workflowType = workflowType == null ? "" : workflowType;
    sampleProperties = Map.copyOf(sampleProperties == null ? Map.of() : sampleProperties);
    activities = List.copyOf(activities == null ? List.of() : activities);
    status = status == null ? "COMPLETED" : status;
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "analysis status must be one of " + STATUSES + ", found '" + status + "'");
    }
    failedStep = failedStep == null ? "" : failedStep;
    failureReason = failureReason == null ? "" : failureReason;
    if (status.equals("FAILED") && failureReason.isBlank()) {
      throw new IllegalArgumentException(
          "a FAILED analysis needs a failure reason (analysis '" + analysisId + "')");
    }
  }

  /** A completed analysis (the form written before per-step provenance existed). */
  public AnalysisProvenance(
      String analysisId, String runId, String workflowType, String sampleId,
      Map<String, String> sampleProperties, long startedAtEpochMs, List<ActivityRecord> activities) {
    this(analysisId, runId, workflowType, sampleId, sampleProperties, startedAtEpochMs, activities,
        "COMPLETED", "", "");
  }

  /** The same analysis with other activity records (e.g. the steps done so far). */
  public AnalysisProvenance withActivities(List<ActivityRecord> records) {
    return new AnalysisProvenance(analysisId, runId, workflowType, sampleId, sampleProperties,
        startedAtEpochMs, records, status, failedStep, failureReason);
  }

  /** The same analysis with another status (and failure step and reason). */
  public AnalysisProvenance withStatus(String newStatus, String step, String reason) {
    return new AnalysisProvenance(analysisId, runId, workflowType, sampleId, sampleProperties,
        startedAtEpochMs, activities, newStatus, step, reason);
  }
}
