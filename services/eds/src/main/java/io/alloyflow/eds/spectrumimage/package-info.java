/**
 * Spectrum-image (hyperspectral EDS map) work: binning, ROI sums, elemental net-count maps by a
 * per-pixel linear filter fit, quantitative (k-ratio and XPP mass-fraction) maps, and PNG output.
 */
package io.alloyflow.eds.spectrumimage;
