/**
 * File formats at the edges of the system: SEM micrographs as TIFF and PNG with vendor pixel-size
 * metadata ({@link io.alloyflow.core.io.MicrographIO}), label maps as PNG and overlays ({@link
 * io.alloyflow.core.io.LabelMapIO}), EMSA/MAS ISO 22029 spectra ({@link
 * io.alloyflow.core.io.EmsaIO}), Lispix RPL/RAW spectrum images ({@link
 * io.alloyflow.core.io.RplIO}) and Arrow IPC encodings of every array value ({@link
 * io.alloyflow.core.io.ArrowIO}). Readers check structure and report every malformed input as a
 * one-line {@link io.alloyflow.core.io.FormatException} naming the file, the byte offset or line,
 * what was expected and what was found; writers are deterministic so equal values give equal bytes
 * (and equal content-addressed keys).
 */
package io.alloyflow.core.io;
