/**
 * The knowledge-graph activity: writes an analysis' provenance records to Neo4j through
 * {@link io.alloyflow.graph.ProvenanceGraph}, idempotently, on its own task queue.
 */
package io.alloyflow.workflows.provenance;
