/**
 * The durable record of the workflows the gateway starts by id besides analyses (batches,
 * candidates, inclusion scans): {@code WorkflowLedger} stores each submission in the knowledge
 * graph before its 202 and its result once it ends, and {@code WorkflowResumer} starts again,
 * from the stored request, every one that the embedded (in-memory) Temporal service forgot in a
 * restart; a batch resumes after the analyses the analysis ledger holds as ended.
 */
package io.alloyflow.workflows.ledger;
