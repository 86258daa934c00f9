/**
 * X-ray line database for EDS over xraylib (Schoonjans et al. 2011, Spectrochim. Acta B 66,
 * 776): characteristic line energies and relative weights per family (K, L, M), absorption edges,
 * mass attenuation coefficients, atomic weights and fluorescence yields, all in eV and cm^2/g.
 */
package io.alloyflow.eds.lines;
