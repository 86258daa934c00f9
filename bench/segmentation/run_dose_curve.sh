#!/usr/bin/env bash
# The accuracy-dose curve of the synthetic generators (issue 17): mIoU, phase-fraction error and
# ASTM E112 error against dose (200 .. 2e5 electrons per pixel) for the classical, the
# pixel-classifier and the U-Net segmentation paths; see
# services/segmentation/src/test/java/io/alloyflow/segmentation/bench/DoseCurve.java.
# Writes dose-curve.csv, dose-curve-summary.csv, dose-curve.properties and
# dose-curve-GENERATOR-METRIC.png to OUT. Rows already in OUT for other paths or doses are kept
# (a run with other SIZE / N_TRAIN / TEST_SEEDS / TREES / SAMPLES than those rows is refused), so
# PATHS can add or rerun one path: e.g. PATHS=unet reruns only the U-Net trained at each dose.
# Usage: bench/segmentation/run_dose_curve.sh [OUT=bench/segmentation/dose-curve] [SIZE=128]
#          [N_TRAIN=2] [TEST_SEEDS=7001,7002,7003] [KINDS=dp-steel,grains2d,al-alloy,powder]
#          [DOSES=200,500,1000,2000,5000,10000,20000,50000,100000,200000] [TREES=30] [SAMPLES=1000]
#          [PATHS=classical,pixel-classifier,unet,unet-mixdose]
# Paths: classical (Otsu / watershed), pixel-classifier (trained at each dose), unet (trained at
# each dose, fixed recipe: base 8, depth 3, 300 steps of 4 x 128 px crops, ~1-3 min per generator
# and dose on one core), unet-mixdose (one U-Net per generator trained on all DOSES, scored at
# each). TORCH_THREADS (default 1) sets the torch intra-op threads.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-bench/segmentation/dose-curve}; SIZE=${2:-128}; NTRAIN=${3:-2}
SEEDS=${4:-7001,7002,7003}; KINDS=${5:-dp-steel,grains2d,al-alloy,powder}
DOSES=${6:-200,500,1000,2000,5000,10000,20000,50000,100000,200000}; TREES=${7:-30}
SAMPLES=${8:-1000}; PATHS=${9:-classical,pixel-classifier,unet,unet-mixdose}
WORK=${BENCH_WORK:-/tmp/alloyflow-dose-curve}
mkdir -p "$WORK" "$OUT"
. bench/segmentation/dose-classpath.sh
OMP_WAIT_POLICY=PASSIVE DJL_CACHE_DIR=${DJL_CACHE_DIR:-$WORK/djl-cache} java -Xmx3g \
  -Djava.awt.headless=true -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=${TORCH_THREADS:-1} \
  --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$CP" \
  io.alloyflow.segmentation.bench.DoseCurve "$OUT" "$SIZE" "$NTRAIN" "$SEEDS" "$KINDS" "$DOSES" \
  "$TREES" "$SAMPLES" "$PATHS"
