/**
 * Ingest: decoding user files (TIFF/PNG micrographs, EMSA spectra, RPL/RAW spectrum images) with
 * clear errors, storing the original bytes and a normalised Arrow encoding in the artifact store,
 * and recording the decoding as provenance. Folder ingest (the Camel inbox route) lives in
 * {@code io.alloyflow.workflows.inbox}.
 */
package io.alloyflow.workflows.ingest;
