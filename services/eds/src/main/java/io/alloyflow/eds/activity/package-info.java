/**
 * Temporal activity implementation of the EDS service: loads a spectrum (EMSA) or spectrum image
 * (Arrow) from the artifact store, calibrates the energy axis, identifies elements and stores the
 * calibrated spectrum.
 */
package io.alloyflow.eds.activity;
