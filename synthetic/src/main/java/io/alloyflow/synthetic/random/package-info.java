/**
 * Seeded random variates for the synthetic world: exact Poisson sampling (Knuth multiplication
 * for small means, Hörmann's PTRS transformed rejection for large means), log-normal sizes and
 * correlated Gaussian random fields. Everything draws from {@link java.util.SplittableRandom}
 * created from the user's seed, so equal seeds give byte-identical outputs; parallel work uses
 * per-row streams derived from the seed and the row index, never shared state.
 */
package io.alloyflow.synthetic.random;
