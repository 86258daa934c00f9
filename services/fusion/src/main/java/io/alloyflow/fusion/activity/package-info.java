/**
 * Temporal activity implementation of the fusion service: loads the micrograph and phase map
 * from the artifact store, computes per-phase statistics, names the phases and stores a feature
 * table (Arrow IPC) with one row per phase; the inclusion-scan activities ({@code
 * InclusionActivitiesImpl}: BSE-first screening of a field with a screening model trained
 * reproducibly from the synthetic world's labelled particles, and classification of the field
 * with the EDS spectra acquired for its uncertain particles).
 */
package io.alloyflow.fusion.activity;
