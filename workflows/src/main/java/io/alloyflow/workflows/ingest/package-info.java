/**
 * Ingest: decoding user files (TIFF/PNG micrographs, EMSA spectra, RPL/RAW spectrum images) with
 * clear errors, storing the original bytes and a normalised Arrow encoding in the artifact store,
 * and recording the decoding as provenance; plus the Camel route that starts analyses for files
 * dropped into an inbox folder.
 */
package io.alloyflow.workflows.ingest;
