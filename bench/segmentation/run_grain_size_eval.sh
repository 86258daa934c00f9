#!/usr/bin/env bash
# ASTM E112 on synthetic grains2d (images as `./alloyflow synth grains2d` makes them): Heyn and
# Jeffries on the truth grain map and on a segmented map (boundary pixel classifier + watershed);
# see services/segmentation/src/test/java/io/alloyflow/segmentation/bench/GrainSizeEvaluation.java
# Usage: bench/segmentation/run_grain_size_eval.sh [SIZE=512] [N_TRAIN=3] [N_TEST=5] [DOSE=200]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-512}; NTRAIN=${2:-3}; NTEST=${3:-5}; DOSE=${4:-200}
WORK=${BENCH_WORK:-/tmp/alloyflow-grain-eval}
mkdir -p "$WORK"
. bench/lib/segmentation-classpath.sh
OMP_WAIT_POLICY=PASSIVE java -Xmx3g -cp "$CP" io.alloyflow.segmentation.bench.GrainSizeEvaluation \
  "$SIZE" "$NTRAIN" "$NTEST" "$DOSE"
