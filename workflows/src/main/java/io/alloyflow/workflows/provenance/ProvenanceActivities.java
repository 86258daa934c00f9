package io.alloyflow.workflows.provenance;

import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Records provenance in the knowledge graph. */
@ActivityInterface
public interface ProvenanceActivities {
  String TASK_QUEUE = "alloyflow-knowledge-graph";

  /** Writes the analysis (idempotent) and returns its subgraph size as stored. */
  @ActivityMethod
  GraphCounts recordAnalysis(AnalysisProvenance provenance);
}
