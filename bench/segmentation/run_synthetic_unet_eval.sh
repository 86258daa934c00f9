#!/usr/bin/env bash
# Held-out synthetic phase segmentation with the DJL U-Net (CPU): trains on seeds 1..N_TRAIN,
# keeps the weights with the best mIoU on validation seeds 501-502, then scores test seeds
# 1001..1000+N_TEST once, with tiled inference from the saved model folder. Same images and the
# same scoring lines as run_synthetic_eval.sh (the pixel classifiers).
# Usage: bench/segmentation/run_synthetic_unet_eval.sh [KIND=dp-steel] [MINUTES=34] [DOSE=default]
#          [N_TRAIN=24] [extra --name value options of SyntheticUNetEvaluation, e.g. --crop 256
#          --batch 4 --base 16 --depth 4 --steps 40 --lr 1e-3 --weighting 0 --aug d4 --evalOnly true]
# Model folder: ${MODEL_DIR:-/work/models/unet-synth-KIND} (outside the repository); the run log
# is also copied there (run-TIMESTAMP.log).
set -euo pipefail
cd "$(dirname "$0")/../.."
KIND=${1:-dp-steel}; MINUTES=${2:-34}; DOSE=${3:-default}; NTRAIN=${4:-24}
shift $(( $# < 4 ? $# : 4 ))
OUT=${MODEL_DIR:-/work/models/unet-synth-$KIND}
WORK=${BENCH_WORK:-/tmp/alloyflow-synth-unet-eval}
mkdir -p "$WORK" "$OUT"
. bench/lib/segmentation-classpath.sh
OMP_WAIT_POLICY=PASSIVE java -Xmx3g -cp "$CP" io.alloyflow.segmentation.bench.SyntheticUNetEvaluation \
  --kind "$KIND" --size 512 --train "$NTRAIN" --test 5 --dose "$DOSE" --minutes "$MINUTES" \
  --out "$OUT" "$@" 2>&1 | tee "$OUT/run-$(date -u +%Y%m%dT%H%M%S).log"
