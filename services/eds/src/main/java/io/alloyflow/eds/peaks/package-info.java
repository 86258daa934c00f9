/**
 * Peak work for EDS spectra: the Fano-limited detector resolution model (Fiori and Newbury 1978),
 * the zero-sum top-hat filter and the DTSA-II-style filter fit of an unknown against reference
 * spectra (Schamber 1977; Statham 1977), linear least squares of Gaussian line families, regions
 * of interest, and small dense least-squares solvers.
 */
package io.alloyflow.eds.peaks;
