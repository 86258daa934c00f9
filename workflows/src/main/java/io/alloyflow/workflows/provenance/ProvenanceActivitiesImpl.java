package io.alloyflow.workflows.provenance;

import io.alloyflow.activity.Heartbeater;
import io.alloyflow.graph.AnalysisLedger;
import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.graph.ProvenanceGraph;
import io.temporal.activity.Activity;

/**
 * Writes through a shared {@link ProvenanceGraph} (its driver is thread-safe). A failed write
 * (Neo4j restarting, a network blip) throws and is retried by Temporal with backoff, so an outage
 * of the graph delays an analysis instead of failing it.
 */
public final class ProvenanceActivitiesImpl implements ProvenanceActivities {
  private final ProvenanceGraph graph;
  private final AnalysisLedger ledger;

  public ProvenanceActivitiesImpl(ProvenanceGraph graph) {
    this.graph = graph;
    this.ledger = new AnalysisLedger(graph.driver());
  }

  @Override
  public GraphCounts recordAnalysis(AnalysisProvenance provenance) {
    try (Heartbeater hb = beat("record " + provenance.analysisId())) {
      return graph.record(provenance);
    }
  }

  @Override
  public void markRunning(String analysisId, String sampleId) {
    try (Heartbeater hb = beat("running " + analysisId)) {
      ledger.running(analysisId, sampleId, System.currentTimeMillis());
    }
  }

  @Override
  public void recordOutcome(
      String analysisId, String sampleId, String status, String reason, String summaryJson) {
    try (Heartbeater hb = beat("outcome " + analysisId)) {
      ledger.ended(analysisId, sampleId, AnalysisLedger.Status.valueOf(status), reason, summaryJson,
          System.currentTimeMillis());
    }
  }

  /**
   * Heartbeats while a write waits for Neo4j: a workflow that sets a heartbeat timeout notices a
   * killed worker within it, and a slow write (Neo4j restarting) is not mistaken for a dead one.
   */
  private static Heartbeater beat(String detail) {
    return new Heartbeater(Activity.getExecutionContext(), detail);
  }
}
