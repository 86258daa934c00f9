#!/usr/bin/env bash
# Benchmark of the synthetic world: one 1024x1024 dual-phase steel micrograph (microstructure
# with grain-size calibration + SEM image formation) and one 128x128x2048 EDS spectrum image.
# Usage: bench/synthetic/run.sh   (from anywhere; needs core installed in ~/.m2)
# Output: stdout and synthetic/target/bench-synthetic.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -q -B -pl synthetic test -Pbench -Dtest=SyntheticBenchmark -Dsurefire.failIfNoSpecifiedTests=false
cat synthetic/target/bench-synthetic.txt
