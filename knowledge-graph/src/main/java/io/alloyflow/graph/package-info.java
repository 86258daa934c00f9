/**
 * The materials knowledge graph: writes the provenance of every analysis to Neo4j in the PROV-O
 * vocabulary (Entity, Activity, Agent; USED, WAS_GENERATED_BY, WAS_DERIVED_FROM,
 * WAS_ASSOCIATED_WITH, WAS_INFORMED_BY) plus domain labels (Sample, Micrograph, Spectrum, PhaseMap,
 * FeatureSet, Prediction, ...), and answers lineage and structure-property queries. All writes are
 * idempotent MERGEs on stable keys (artifact content hash, workflow id + step, algorithm name +
 * version), so a retried activity or a re-run on the same data never duplicates a node.
 */
package io.alloyflow.graph;
