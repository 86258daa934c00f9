/**
 * EDS simulation: characteristic K, L and M lines from xraylib atomic data with Bethe ionisation
 * over the Joy-Luo stopping power, Myklebust backscatter loss and Philibert-Duncumb-Heinrich
 * absorption by default, or other emission models (PAP or Packwood-Brown Gaussian depth
 * distributions, or Pouchou and Pichoir's full PAP for generation and absorption); the
 * thick-target bremsstrahlung of Castellano, Osan and Trincavelli (2004), absorbed like
 * characteristic radiation generated with an edge at the photon energy; a silicon drift detector
 * with Fano-limited Gaussian response, window efficiency, Si escape and pile-up peaks; exact
 * Poisson counting. Spectrum images are mixed per pixel from one expected spectrum per phase on a
 * coarser grid related to the SEM image by a known {@link io.alloyflow.synthetic.xray.Affine}
 * transform, with optional energy-calibration drift. A single-scattering Monte Carlo of the
 * ionisation depth distribution ({@link io.alloyflow.synthetic.xray.PhiRhoZMonteCarlo}) serves as
 * an independent reference for the analytical depth distributions.
 */
package io.alloyflow.synthetic.xray;
