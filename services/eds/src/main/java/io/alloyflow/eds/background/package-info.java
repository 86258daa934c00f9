/**
 * Continuum (bremsstrahlung) background of EDS spectra: SNIP clipping with the LLS transform (Ryan
 * et al. 1988), top-hat suppression (Schamber 1977), and a physics-based continuum fit (Kramers'
 * law with matrix absorption and detector efficiency).
 */
package io.alloyflow.eds.background;
