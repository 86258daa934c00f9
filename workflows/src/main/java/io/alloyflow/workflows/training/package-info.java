/**
 * (Re)training of a property model as a workflow: the training table is staged from the data
 * roots into the artifact store (ingest worker), the prediction worker trains the model with
 * heartbeats under a heartbeat timeout and registers it, and the training's provenance (model
 * generated from the training table, by its SHA-256) goes to the knowledge graph. Progress is a
 * query; a cancelled training never registers its model.
 */
package io.alloyflow.workflows.training;
