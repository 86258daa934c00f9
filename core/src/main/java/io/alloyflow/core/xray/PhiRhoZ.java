package io.alloyflow.core.xray;

/**
 * A depth distribution of ionisation phi(rho z) for one emitting shell in one matrix (mass depth
 * rho z in g/cm^2), normalised to an isolated thin layer (phi = 1).
 */
public interface PhiRhoZ {
  /** phi at a mass depth, g/cm^2 (0 above the surface). */
  double phi(double rhoZ);

  /** Surface ionisation phi(0). */
  double phi0();

  /** Generated area F = integral of phi(rho z) d(rho z), g/cm^2 (the atomic-number factor). */
  double area();

  /** Emitted integral of phi(rho z) exp(-chi rho z) d(rho z), g/cm^2, for chi in cm^2/g. */
  double emitted(double chi);

  /** Absorption factor f(chi) = emitted(chi) / area(). */
  default double absorptionFactor(double chi) {
    return emitted(chi) / area();
  }
}
