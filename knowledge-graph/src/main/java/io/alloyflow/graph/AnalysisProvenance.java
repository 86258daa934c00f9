package io.alloyflow.graph;

import io.alloyflow.core.provenance.ActivityRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one analysis workflow execution did, ready to be written to the graph.
 *
 * @param analysisId stable id of the analysis (the Temporal workflow id)
 * @param runId Temporal run id
 * @param workflowType workflow type name
 * @param sampleId sample the inputs belong to
 * @param sampleProperties descriptive properties of the sample (alloy system, source, seed...)
 * @param startedAtEpochMs workflow start time
 * @param activities the activity records, in execution order
 */
public record AnalysisProvenance(
    String analysisId,
    String runId,
    String workflowType,
    String sampleId,
    Map<String, String> sampleProperties,
    long startedAtEpochMs,
    List<ActivityRecord> activities) {
  public AnalysisProvenance {
    Objects.requireNonNull(analysisId, "analysisId");
    Objects.requireNonNull(sampleId, "sampleId");
    runId = runId == null ? "" : runId;
    workflowType = workflowType == null ? "" : workflowType;
    sampleProperties = Map.copyOf(sampleProperties == null ? Map.of() : sampleProperties);
    activities = List.copyOf(activities);
  }
}
