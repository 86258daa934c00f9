/**
 * Batch analysis: a folder of micrographs or tiles analysed with the same settings, each item a
 * child analysis workflow, with bounded parallelism, per-item outcomes (a bad file fails its item
 * only, with the reason), a progress query, and continue-as-new so batches of any length keep a
 * short history. The gateway's {@code POST /v1/batches} and the CLI's {@code batch} start it.
 */
package io.alloyflow.workflows.batch;
