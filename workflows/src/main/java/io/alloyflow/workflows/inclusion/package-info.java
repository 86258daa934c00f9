/**
 * Inclusion scans: the fields of a steel specimen (BSE images, with the EDS spot spectra that can
 * be acquired on them) go through particle detection and BSE-first screening (fusion service),
 * EDS is acquired only for the particles the screening is unsure of, every field is classified
 * and recorded in the provenance graph, and the scan ends with a report: counts and area
 * fractions per class, inclusions per hour of instrument time and how many EDS acquisitions the
 * screening saved. {@code InclusionScanFolder} reads a scan folder, {@code
 * InclusionScanActivitiesImpl} ingests fields and acquires spectra on the ingest worker.
 */
package io.alloyflow.workflows.inclusion;
