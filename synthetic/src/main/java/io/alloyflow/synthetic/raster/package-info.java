/**
 * Pure-Java raster kernels shared by the microstructure generators and the SEM image simulator:
 * separable Gaussian blur, the exact Felzenszwalb-Huttenlocher Euclidean distance transform,
 * union-find connected-component labelling, boundary detection, bilinear sampling and exact
 * top-k pixel selection (used to hit requested phase fractions to the pixel).
 */
package io.alloyflow.synthetic.raster;
