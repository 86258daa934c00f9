/**
 * Denoising and multivariate analysis of spectrum images: Poisson-weighted PCA (Keenan and Kotula
 * 2004) by randomized SVD on libtorch through DJL, automatic component count, scree plot, FastICA
 * after PCA (Hyvarinen 1999), KL-NMF (Lee and Seung 2001), and map signal-to-noise ratios.
 */
package io.alloyflow.eds.denoise;
