/**
 * The one home of the X-ray physics shared by EDS quantification (services/eds) and the spectrum
 * simulator (synthetic): atomic data over xraylib (Schoonjans et al., Spectrochim. Acta B 66
 * (2011) 776), the specimen {@link io.alloyflow.core.xray.Matrix}, and the phi(rho z) models of
 * Pouchou and Pichoir ("Quantitative analysis of homogeneous or stratified microvolumes applying
 * the model PAP", in Heinrich and Newbury (eds.), Electron Probe Quantitation, Plenum 1991, pp.
 * 31-75): deceleration law, mean ionisation potential, backscatter coefficient and loss factor,
 * cross-section exponent, surface ionisation, area F, and the XPP and PAP depth distributions.
 * One unit convention throughout: photon, edge and electron energies in keV (xraylib's unit),
 * mass depths in g/cm^2, mass attenuation coefficients and chi in cm^2/g, stopping powers in keV
 * cm^2/g, atomic weights in g/mol, compositions as mass fractions. Callers that carry eV (EMSA
 * axes) convert at their edge. Pure Java, no framework.
 */
package io.alloyflow.core.xray;
