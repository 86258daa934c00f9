/**
 * The analysis workflow: micrograph (+ optional EDS spectrum or spectrum image) through
 * segmentation, EDS, fusion and prediction, then provenance into the knowledge graph. The
 * workflow only orchestrates — every computation and all I/O happen in activities on the
 * services' task queues; time and ids come from {@code Workflow.*}; changes are versioned with
 * {@code Workflow.getVersion}; bad input is a non-retryable {@code ApplicationFailure}.
 */
package io.alloyflow.workflows.analysis;
