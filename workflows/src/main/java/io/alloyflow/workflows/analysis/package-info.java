/**
 * The analysis workflow: micrograph (+ optional EDS spectrum or spectrum image) through
 * segmentation and EDS in parallel (with spectrum-image fusion beside them when the EDS data is a
 * spectrum image), then micrograph-based fusion, prediction and provenance into the knowledge
 * graph, the steps done so far written to the graph before each next step. The workflow only
 * orchestrates: every computation and all I/O happen in activities on the services' task queues;
 * time and ids come from {@code Workflow.*}. Each change to the command sequence is guarded by
 * {@code Workflow.getVersion} so histories recorded before it still replay: {@code
 * per-step-provenance}, {@code ledger-and-ingest}, {@code parallel-segmentation-eds} and {@code
 * spectrum-image-fusion}. Compute activities retry three times with exponential backoff, the
 * long segmentation activity heartbeats (30 s heartbeat timeout), graph writes retry without an
 * attempt cap, and bad input is a non-retryable {@code ApplicationFailure} of type {@code
 * BadInput}.
 */
package io.alloyflow.workflows.analysis;
