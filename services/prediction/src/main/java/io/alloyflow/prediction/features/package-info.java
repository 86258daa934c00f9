/**
 * Features of alloy samples with a schema: composition parsing (formulas of element-amount pairs,
 * mass-to-atomic conversion for EDS results), published element data with their sources, Miedema
 * mixing enthalpies, the high-entropy-alloy descriptors (mixing entropy, size mismatch, VEC,
 * electronegativity spread, mixing enthalpy, melting point, shear modulus and its mismatch) and
 * the feature builder whose named, unit-carrying schema is stored with every model so a model
 * refuses input built another way. Pure Java.
 */
package io.alloyflow.prediction.features;
