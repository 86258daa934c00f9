package io.alloyflow.workflows;

import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.workflows.ledger.SubmissionActivities;
import io.alloyflow.workflows.provenance.ProvenanceActivities;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The knowledge-graph worker of workflow tests, in memory: provenance writes in order and the
 * results workflows put into the submission ledger, by workflow id. One per test environment.
 */
public final class MemoryGraph implements ProvenanceActivities, SubmissionActivities {
  /** Every {@code recordAnalysis} in call order. */
  public final List<AnalysisProvenance> records = new CopyOnWriteArrayList<>();
  /** Result JSON by workflow id (the first end wins, as in the ledger). */
  public final Map<String, String> results = new ConcurrentHashMap<>();

  /** Serves the knowledge-graph task queue of {@code env} (call before {@code env.start()}). */
  public MemoryGraph register(TestWorkflowEnvironment env) {
    env.newWorker(ProvenanceActivities.TASK_QUEUE).registerActivitiesImplementations(this);
    return this;
  }

  @Override
  public GraphCounts recordAnalysis(AnalysisProvenance p) {
    records.add(p);
    return null;
  }

  @Override
  public void markRunning(String analysisId, String sampleId) {}

  @Override
  public void recordOutcome(String analysisId, String sampleId, String status, String reason,
      String summaryJson) {}

  @Override
  public void recordResult(String id, String resultJson) {
    results.putIfAbsent(id, resultJson);
  }
}
