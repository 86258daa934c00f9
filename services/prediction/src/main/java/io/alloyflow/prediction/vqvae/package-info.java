/**
 * Likelihood-based property prediction from phase maps after Noguchi et al. (2022): a VQ-VAE
 * (van den Oord, Vinyals and Kavukcuoglu 2017) compresses a dual-phase micrograph into a map of
 * discrete codes from a 512-vector codebook (straight-through estimator, commitment loss,
 * exponential-moving-average codebook, dead-code restarts, perplexity tracked); a gated PixelCNN
 * prior with vertical and horizontal masked stacks (van den Oord et al. 2016) models the code map
 * conditioned on a binned property; the property of a new map is the posterior mean over the bins
 * of its conditional likelihood, and the per-position likelihood difference between high and low
 * property conditions marks the microstructure regions that matter. Built on DJL's PyTorch engine
 * from functional NDArray operations (masked convolutions are weight x mask).
 */
package io.alloyflow.prediction.vqvae;
