/**
 * Benchmark driver for the EDS algorithms (PCA of a spectrum image, quantification latency and
 * batch throughput), run side by side with HyperSpy by {@code bench/eds/run_bench.sh}.
 */
package io.alloyflow.eds.bench;
