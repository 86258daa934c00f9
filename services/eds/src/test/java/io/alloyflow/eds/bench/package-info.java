/**
 * Benchmark driver for the EDS algorithms (PCA of a spectrum image, quantification latency and
 * batch throughput; BCF and .hspy reading), run side by side with HyperSpy by the scripts in
 * {@code bench/eds/}. They live in the test tree: benchmarks are not part of the service, and the
 * synthetic spectra they draw come from the test helpers.
 */
package io.alloyflow.eds.bench;
