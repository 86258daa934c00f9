/**
 * Registration of a SEM image to an EDS spectrum image. An initial transform from the pixel
 * sizes (metadata) is refined by an exhaustive translation search and an intensity-based affine
 * optimisation (Nelder-Mead) of a multi-channel correlation between the BSE image, box-averaged
 * over each EDS pixel's footprint, and Z-contrast proxies from the EDS data (total counts and the
 * leading components of a Poisson-scaled PCA). Quality metrics and a split-half consistency
 * check decide whether the result is reliable; unreliable results are flagged with a reason,
 * never returned silently. Pure Java: no framework types.
 */
package io.alloyflow.fusion.registration;
