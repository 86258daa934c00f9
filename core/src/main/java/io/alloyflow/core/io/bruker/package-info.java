/**
 * Bruker Esprit files: the SFS container of a {@code .bcf} hypermap ({@link
 * io.alloyflow.core.io.bruker.SfsContainer}: chunked virtual file system, optional zlib-compressed
 * blocks) and the hypermap itself ({@link io.alloyflow.core.io.bruker.BcfReader}: the XML header
 * with energy calibration, beam energy, detector angles and pixel size, the pixel-packed spectrum
 * cube in its 16-bit pulse, 12-bit pulse and "instructively packed" layouts, and the SEM images).
 * The layout follows the reverse-engineered description in HyperSpy/RosettaSciIO's Bruker reader
 * (P. Jokubauskas, GPL-3.0; re-implemented from the format description, no code copied); the
 * output is checked against that reader on six real files. Every malformed input is a one-line
 * {@link io.alloyflow.core.io.FormatException}.
 */
package io.alloyflow.core.io.bruker;
