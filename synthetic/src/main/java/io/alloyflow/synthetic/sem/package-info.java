/**
 * SEM image formation for synthetic microstructures: backscatter coefficients from composition
 * (Reuter 1972 eta(Z), Castaing/Heinrich mass-fraction mixing), secondary-electron topographic
 * and edge contrast (delta0 (1 + beta eta) sec theta, Reimer 1998; Seiler 1983), electron
 * channelling contrast, Gaussian probe blur, scan-line jitter and drift, Poisson shot noise at a
 * dose in electrons per pixel, and a linear detector (gain, offset) into a 16-bit
 * {@link io.alloyflow.core.image.Micrograph} with its pixel size.
 */
package io.alloyflow.synthetic.sem;
