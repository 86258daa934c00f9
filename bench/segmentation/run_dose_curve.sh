#!/usr/bin/env bash
# The accuracy-dose curve of the synthetic generators (issue 17): mIoU, phase-fraction error and
# ASTM E112 error against dose (200 .. 2e5 electrons per pixel) for the classical and the
# pixel-classifier segmentation paths; see
# services/segmentation/src/test/java/io/alloyflow/segmentation/bench/DoseCurve.java.
# Writes dose-curve.csv, dose-curve-summary.csv and dose-curve-GENERATOR-METRIC.png to OUT.
# Usage: bench/segmentation/run_dose_curve.sh [OUT=bench/segmentation/dose-curve] [SIZE=128]
#          [N_TRAIN=2] [TEST_SEEDS=7001,7002,7003] [KINDS=dp-steel,grains2d,al-alloy,powder]
#          [DOSES=200,500,1000,2000,5000,10000,20000,50000,100000,200000] [TREES=30] [SAMPLES=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-bench/segmentation/dose-curve}; SIZE=${2:-128}; NTRAIN=${3:-2}
SEEDS=${4:-7001,7002,7003}; KINDS=${5:-dp-steel,grains2d,al-alloy,powder}
DOSES=${6:-200,500,1000,2000,5000,10000,20000,50000,100000,200000}; TREES=${7:-30}
SAMPLES=${8:-1000}
WORK=${BENCH_WORK:-/tmp/alloyflow-dose-curve}
mkdir -p "$WORK" "$OUT"
. bench/segmentation/dose-classpath.sh
OMP_WAIT_POLICY=PASSIVE java -Xmx3g -Djava.awt.headless=true -cp "$CP" \
  io.alloyflow.segmentation.bench.DoseCurve "$OUT" "$SIZE" "$NTRAIN" "$SEEDS" "$KINDS" "$DOSES" \
  "$TREES" "$SAMPLES"
