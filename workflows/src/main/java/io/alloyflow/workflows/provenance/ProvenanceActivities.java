package io.alloyflow.workflows.provenance;

import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Records provenance and the analysis' status in the knowledge graph. */
@ActivityInterface
public interface ProvenanceActivities {
  String TASK_QUEUE = "alloyflow-knowledge-graph";

  /** Writes the analysis (idempotent) and returns its subgraph size as stored. */
  @ActivityMethod
  GraphCounts recordAnalysis(AnalysisProvenance provenance);

  /** Marks a submitted analysis as running (idempotent; no effect once it has ended). */
  @ActivityMethod
  void markRunning(String analysisId, String sampleId);

  /**
   * Records how an analysis ended: {@code COMPLETED} with a result summary (JSON), or {@code
   * FAILED}/{@code CANCELLED} with the reason. Idempotent; the first end wins.
   */
  @ActivityMethod
  void recordOutcome(String analysisId, String sampleId, String status, String reason, String summaryJson);
}
