package io.alloyflow.workflows.provenance;

import io.alloyflow.graph.AnalysisProvenance;
import io.alloyflow.graph.GraphCounts;
import io.alloyflow.graph.ProvenanceGraph;

/** Writes through a shared {@link ProvenanceGraph} (its driver is thread-safe). */
public final class ProvenanceActivitiesImpl implements ProvenanceActivities {
  private final ProvenanceGraph graph;

  public ProvenanceActivitiesImpl(ProvenanceGraph graph) {
    this.graph = graph;
  }

  @Override
  public GraphCounts recordAnalysis(AnalysisProvenance provenance) {
    return graph.record(provenance);
  }
}
