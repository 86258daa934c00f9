#!/usr/bin/env bash
# Rebuilds models/nasa-superalloy-ensemble (issue 17) on a CPU: the pixel-classifier member is the
# shipped models/nasa-superalloy-pixel/model.zip (its own rebuild command is in its MODEL_CARD),
# the U-Net member is trained by `train segmentation --method unet` on NASA Super1 train with
# Super1 val for the best checkpoint, in two stages (UNET_MINUTES from scratch at lr 1e-3, then
# FINETUNE_MINUTES from the first stage's best checkpoint at lr 5e-4; the stage whose best checkpoint
# has the higher Super1 val mIoU is the member), and the per-class ensemble
# weights are fitted on Super1 val (NasaEnsembleBuild), which then scores the members and the
# ensemble once on Super1 test and Super2 different_test. Usage:
#   bench/segmentation/run_nasa_ensemble.sh [UNET_MINUTES=30] [FINETUNE_MINUTES=19] [DATA=../shared/data]
# Writes $BENCH_WORK (default /tmp/alloyflow-nasa-ensemble): unet1/, unet2/, ensemble/, *.log.
# The U-Net stages stop on wall-clock budgets, so the number of epochs (and the model) depends on
# the machine's speed and load; the shipped model's epochs are in its MODEL_CARD.
set -euo pipefail
cd "$(dirname "$0")/../.."
M1=${1:-30}
M2=${2:-19}
DATA=${3:-../shared/data}/segmentation/nasa-super
WORK=${BENCH_WORK:-/tmp/alloyflow-nasa-ensemble}
mkdir -p "$WORK"
. bench/segmentation/dose-classpath.sh
export OMP_WAIT_POLICY=PASSIVE DJL_CACHE_DIR=${DJL_CACHE_DIR:-$WORK/djl-cache}
J="java -Xmx3g -Djava.awt.headless=true -Dai.djl.offline=true --add-opens=java.base/java.nio=ALL-UNNAMED"
cli() { $J -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain "$@"; }
S1=$DATA/Super1
UNET="--method unet --images $S1/train --masks $S1/train_annot --format nasa
  --val-images $S1/val --val-masks $S1/val_annot --epochs 200 --steps-per-epoch 30 --crop 256
  --batch 4 --patience 200"
rm -rf "$WORK/unet1" "$WORK/unet2" "$WORK/ensemble"
# shellcheck disable=SC2086
cli train segmentation $UNET --learning-rate 0.001 --max-minutes "$M1" --out "$WORK/unet1" \
  2> "$WORK/unet1.log"
# shellcheck disable=SC2086
cli train segmentation $UNET --learning-rate 0.0005 --max-minutes "$M2" \
  --init-from "$WORK/unet1" --out "$WORK/unet2" 2> "$WORK/unet2.log"
# the U-Net member is the stage whose best checkpoint validated better (a fine-tune need not improve)
BEST=$(/usr/bin/python3 -c 'import json,sys
v=[(json.load(open(d+"/unet-model.json"))["validation"]["mIoU"],d) for d in sys.argv[1:]]
print(max(v)[1])' "$WORK/unet1" "$WORK/unet2")
echo "U-Net member: $BEST (Super1 val mIoU, stage 1 vs stage 2)" | tee "$WORK/member.log"
$J -cp "$CP" io.alloyflow.segmentation.bench.NasaEnsembleBuild \
  models/nasa-superalloy-pixel/model.zip "$BEST" "$DATA" "$WORK/ensemble" \
  2> "$WORK/ensemble.err" | tee "$WORK/ensemble.log"
