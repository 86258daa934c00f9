/**
 * Quantification of EDS spectra: k-ratios against measured standards, the PAP (default) or XPP
 * matrix correction of Pouchou and Pichoir (1991; the shared physics of io.alloyflow.core.xray)
 * iterated to convergence, with optional characteristic (Reed 1965) and continuum (Henoc 1968) fluorescence corrections, oxygen by
 * stoichiometry, oxides, atomic fractions, analytical totals, Cliff-Lorimer thin-film
 * quantification, and propagated uncertainties.
 */
package io.alloyflow.eds.quant;
