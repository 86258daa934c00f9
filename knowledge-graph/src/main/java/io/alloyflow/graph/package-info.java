/**
 * The materials knowledge graph on Neo4j, split by role behind the {@link
 * io.alloyflow.graph.ProvenanceGraph} facade: {@link io.alloyflow.graph.GraphSchema} creates and
 * migrates constraints and indexes by a schema version; {@link io.alloyflow.graph.ProvenanceWriter}
 * writes analyses (per step, with status and failure reason) and measurements as idempotent
 * MERGEs on stable keys (artifact content hash, workflow id + step, algorithm name + version), so
 * a retried activity or a re-run never duplicates a node (through the server procedure {@code
 * alloyflow.writeProvenance} where the server has it, else plain Cypher); {@link
 * io.alloyflow.graph.BulkImportFiles} writes the same graph as {@code neo4j-admin} import files
 * for offline backfills into an empty database, fed by recorded provenance files ({@link
 * io.alloyflow.graph.ProvenanceRecords}) and run through {@code neo4j-admin} by {@link
 * io.alloyflow.graph.OfflineImport}; {@link
 * io.alloyflow.graph.ProvenanceQueries} answers lineage, impact, structure-property and
 * model-comparison questions; {@link io.alloyflow.graph.ProvJsonExport} and {@link
 * io.alloyflow.graph.RoCrateExport} write W3C PROV-JSON and RO-Crate 1.1. The vocabulary is
 * PROV-O (Entity, Activity, Agent, a software environment being an Agent stored once and shared;
 * USED, WAS_GENERATED_BY, WAS_ASSOCIATED_WITH, WAS_ATTRIBUTED_TO; wasDerivedFrom and wasInformedBy
 * are derived from USED and WAS_GENERATED_BY where PROV documents are written) plus domain labels (Sample, Micrograph, Spectrum,
 * SpectrumImage, PhaseMap, Overlay, FeatureSet, Model, Prediction, Measurement, Calibration, ...).
 */
package io.alloyflow.graph;
