/**
 * Energy calibration of EDS spectra: detector resolution estimated from a peak, offset and gain
 * fitted from identified peaks, drift tracking across a session, and live-time / dose
 * normalisation.
 */
package io.alloyflow.eds.calibration;
