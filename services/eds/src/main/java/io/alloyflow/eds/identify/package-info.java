/**
 * Automatic element identification in EDS spectra: top-hat peak search, line-family consistency
 * checks (K-beta/K-alpha, L and M families, higher shells when excited), escape and sum peak
 * recognition, joint Gaussian least-squares net counts, confidence and overlap flags.
 */
package io.alloyflow.eds.identify;
