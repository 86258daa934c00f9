/**
 * The EDS service's algorithms, reached through the {@link io.alloyflow.eds.EdsAnalyzer} facade:
 * spectrum calibration, element identification, peak fitting, standards-based quantification with
 * XPP matrix correction and uncertainties, and spectrum-image maps and denoising. Framework code
 * (Temporal activity, CLI) lives in sub-packages that depend on these, never the reverse.
 */
package io.alloyflow.eds;
