package io.alloyflow.graph;

/**
 * Size of an analysis' provenance subgraph as stored in Neo4j.
 *
 * @param nodes distinct nodes: the analysis, its activities, the entities they used or generated,
 *     their agents and the sample
 * @param edges distinct relationships among those nodes that the analysis wrote
 */
public record GraphCounts(long nodes, long edges) {}
