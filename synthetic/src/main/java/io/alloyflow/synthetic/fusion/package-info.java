/**
 * Co-registered SEM + EDS pairs with ground truth for the fusion service: a BSE micrograph
 * cropped from a larger rendered microstructure and an EDS spectrum image of the same sample
 * acquired on a coarser, rotated and shifted raster, with the exact SEM-to-EDS pixel transform,
 * the per-EDS-pixel phase weights and the per-SEM-pixel phase labels. Pure Java, deterministic by
 * seed; built from the generators in {@code micro}, {@code sem} and {@code xray}.
 */
package io.alloyflow.synthetic.fusion;
