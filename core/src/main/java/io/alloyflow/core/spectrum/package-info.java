/**
 * X-ray spectrum domain values: the linear {@link io.alloyflow.core.spectrum.EnergyAxis}
 * (offset and gain in eV, as EMSA/MAS ISO 22029 stores them), single
 * {@link io.alloyflow.core.spectrum.Spectrum spectra} with their acquisition conditions, and
 * {@link io.alloyflow.core.spectrum.SpectrumImage spectrum images} (a spectrum per pixel).
 */
package io.alloyflow.core.spectrum;
