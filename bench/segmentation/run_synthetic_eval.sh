#!/usr/bin/env bash
# Held-out synthetic phase segmentation (dp-steel or al-alloy, images as `./alloyflow synth KIND`
# makes them): Otsu / multi-Otsu, k-means and the pixel classifiers trained on seeds 1..N_TRAIN,
# selected/calibrated on seeds 501-502, scored on seeds 1001..1000+N_TEST.
# Usage: bench/segmentation/run_synthetic_eval.sh [KIND=dp-steel] [SIZE=512] [N_TRAIN=3] [N_TEST=5]
#          [DOSE=default] [TREES=80] [SAMPLES_PER_CLASS_PER_IMAGE=3000]
set -euo pipefail
cd "$(dirname "$0")/../.."
KIND=${1:-dp-steel}; SIZE=${2:-512}; NTRAIN=${3:-3}; NTEST=${4:-5}; DOSE=${5:-default}
TREES=${6:-80}; SAMPLES=${7:-3000}
WORK=${BENCH_WORK:-/tmp/alloyflow-synth-eval}
mkdir -p "$WORK"
. bench/lib/segmentation-classpath.sh
OMP_WAIT_POLICY=PASSIVE java -Xmx3g -cp "$CP" io.alloyflow.segmentation.bench.SyntheticEvaluation \
  "$KIND" "$SIZE" "$NTRAIN" "$NTEST" "$WORK/$KIND" "$DOSE" "$TREES" "$SAMPLES"
