#!/usr/bin/env bash
# Rebuilds the micromechanics datasets and the image/volume models from nothing on a CPU machine:
#   bench/micromech/rebuild.sh [WORK_DIR]   (default target/micromech)
# DP phase maps: 18 parts x 40 maps of 32x32 (seeds 21..38), labelled by the FFT J2 + Rice-Tracey
# solver, merged; grain volumes: 1000 volumes of 16^3 (seed 17) labelled by 3D elastic FFT
# homogenisation. Then trains the fracture-strain and volume-property models (CNN vs ridge and
# XGBoost on the same held-out split) and the VQ-VAE + PixelCNN fracture-strain model into
# models/. Parts are separate runs so an interrupted rebuild keeps what it finished.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/micromech}"
THREADS="${THREADS:-2}"
cd "$ROOT"
./alloyflow --help > /dev/null   # builds the application on first use
APP="$ROOT/workflows/target"
JAVA=(java -Xmx2g -Dai.djl.offline=true -cp "$APP/classes:$APP/lib/*")
mkdir -p "$WORK/dp-parts"
start=$(date +%s)
for s in $(seq 21 38); do
  if [ ! -f "$WORK/dp-parts/s$s/provenance.json" ]; then
    "${JAVA[@]}" io.alloyflow.prediction.micromech.MicromechDatasets fracture "$WORK/dp-parts/s$s" 40 32 "$s" "$THREADS" > /dev/null
  fi
done
"${JAVA[@]}" io.alloyflow.prediction.micromech.MicromechDatasets merge "$WORK/dp-fracture-32" "$WORK"/dp-parts/s*
if [ ! -f "$WORK/vol-16/provenance.json" ]; then
  "${JAVA[@]}" io.alloyflow.prediction.micromech.MicromechDatasets volumes "$WORK/vol-16" 1000 16 17 "$THREADS" > /dev/null
fi
echo "datasets: $(( $(date +%s) - start )) s"
./alloyflow train fracture-strain --data "$WORK/dp-fracture-32" --out models/fracture-strain-dp-cnn \
  --epochs 100 --width 16 --batch 32 --lr 0.002 --seed 42
# VQ-VAE (512 codes) + conditional gated PixelCNN on the same dataset and held-out split, with
# 360 more labelled maps (seeds 39..47, same generator and solver) on the training side only; the
# direct CNN is retrained on the same enlarged training set (baseline-cnn/) and scored beside it
mkdir -p "$WORK/dp-parts-extra"
for s in $(seq 39 47); do
  if [ ! -f "$WORK/dp-parts-extra/s$s/provenance.json" ]; then
    "${JAVA[@]}" io.alloyflow.prediction.micromech.MicromechDatasets fracture "$WORK/dp-parts-extra/s$s" 40 32 "$s" "$THREADS" > /dev/null
  fi
done
"${JAVA[@]}" io.alloyflow.prediction.micromech.MicromechDatasets merge "$WORK/dp-fracture-32-extra" "$WORK"/dp-parts-extra/s*
./alloyflow train fracture-strain --method vqvae --data "$WORK/dp-fracture-32" \
  --extra-train "$WORK/dp-fracture-32-extra" --out models/fracture-strain-dp-vqvae \
  --vq-epochs 20 --prior-epochs 14 --prior-channels 64 --prior-layers 6 --bins 12 --versions 6 \
  --tta 12 --cond-width 1 --prior-lr-schedule cosine --validation 0.12 --epochs 100 --width 16 --seed 42
./alloyflow train volume-property --property young --data "$WORK/vol-16" \
  --out models/volume-young-316l-cnn3d --epochs 30 --width 8 --batch 32 --lr 0.002 --seed 42
./alloyflow train volume-property --property yield --data "$WORK/vol-16" \
  --out "$WORK/volume-yield-316l-cnn3d" --epochs 30 --width 8 --batch 32 --lr 0.002 --seed 42
# labels that depend on the local configuration (volume-labels-1.1: plastic volume fraction at
# 360 MPa, stress hot-spot fraction); 1600 volumes, 6-channel CNN input
if [ ! -f "$WORK/vol-16-1600/provenance.json" ]; then
  "${JAVA[@]}" io.alloyflow.prediction.micromech.MicromechDatasets volumes "$WORK/vol-16-1600" 1600 16 17 "$THREADS" > /dev/null
fi
# the shipped hot-spot model: symmetric 3D CNN ensemble (periodic padding, the load's 16 symmetry
# maps as augmentation and test-time average, 4 seeds) against ridge and XGBoost tuned on a
# validation part of the training volumes; test volumes touched once per final model
./alloyflow train volume-property --method cnn3d-sym --property hotspot --data "$WORK/vol-16-1600" \
  --out models/volume-hotspot-316l-cnn3d --epochs 40 --width 16 --batch 32 --lr 0.002 --seed 42 \
  --members 4 --validation 0.2 --refit
echo "total: $(( $(date +%s) - start )) s"
