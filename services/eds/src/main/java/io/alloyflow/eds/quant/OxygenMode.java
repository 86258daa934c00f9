package io.alloyflow.eds.quant;

/** How oxygen is obtained. */
public enum OxygenMode {
  /** Oxygen is measured like any other element (needs an oxygen standard). */
  MEASURED,
  /** Oxygen is computed from the cations by stoichiometry with assumed valences. */
  STOICHIOMETRY
}
