/**
 * Provenance as a by-product: every activity returns an immutable
 * {@link io.alloyflow.core.provenance.ActivityRecord} naming the artifacts it used and generated
 * (by content hash), the algorithm with version, parameters and literature reference, the seed,
 * timings and the workflow execution it belongs to. The knowledge graph flattens these records to
 * PROV-O nodes and edges (Entity, Activity, Agent; used, wasGeneratedBy) with idempotent writes
 * keyed on the stable ids defined here.
 */
package io.alloyflow.core.provenance;
