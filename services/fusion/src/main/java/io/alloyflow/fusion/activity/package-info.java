/**
 * Temporal activity implementation of the fusion service: loads the micrograph and phase map
 * from the artifact store, computes per-phase statistics, names the phases and stores a feature
 * table (Arrow IPC) with one row per phase.
 */
package io.alloyflow.fusion.activity;
