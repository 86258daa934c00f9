/**
 * The alloyflow core: domain values shared by every service (micrographs, spectra, spectrum
 * images, label maps), their file formats, the content-addressed artifact store and the
 * provenance records that every activity returns. Nothing here knows about Temporal, Micronaut,
 * Neo4j, Camel or DJL; quantities are SI inside (metres, seconds, electron-volts for X-ray
 * energies as is the field's convention) and are converted only at the edges.
 */
package io.alloyflow.core;
