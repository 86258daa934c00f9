/**
 * Full-field micromechanics on periodic pixel and voxel grids by the FFT-based basic scheme of
 * Moulinec and Suquet (Comput. Methods Appl. Mech. Engrg. 157 (1998) 69-94), used to label
 * synthetic microstructures with physics: 2D plane-strain small-strain J2 elasto-plasticity of
 * ferrite-martensite dual-phase steel under uniaxial tension (mixed stress/strain control) with a
 * Rice-Tracey void-growth damage integral that gives a fracture strain per microstructure, and 3D
 * linear-elastic homogenisation of cubic polycrystals (grain orientations, effective Young's
 * modulus, Schmid-factor yield onset). Pure Java on JTransforms FFTs; no framework imports.
 */
package io.alloyflow.prediction.micromech;
