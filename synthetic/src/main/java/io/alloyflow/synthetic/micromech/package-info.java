/**
 * Periodic microstructures for full-field micromechanics: ferrite-martensite phase maps of
 * dual-phase steels (martensite fraction, island size, banding) as excursion sets of periodic
 * correlated Gaussian fields, and periodic Poisson-Voronoi grain volumes of a cubic metal with
 * random or fibre-textured orientations. Periodic so that the FFT solvers see no artificial
 * boundary; every sample is reproducible from its seed and parameters.
 */
package io.alloyflow.synthetic.micromech;
