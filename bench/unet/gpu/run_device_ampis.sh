#!/usr/bin/env bash
# Trains the AMPIS three-class (background / inside / boundary) U-Nets of every cross-validation
# fold side by side on one accelerator. Runs on the device machine:
#   bash bench/unet/gpu/run_device_ampis.sh MINUTES   (needs .gpu/ampis/*.npz, see README.md)
# There is no validation split (each fold's held-out tiles are its test set), so each run keeps
# its final EMA weights. Writes to $OUT: KIND-foldF.safetensors (one per run) and logs.tar
# (stdout logs and each run's train-log.json).
set -u
MIN=${1:-5}
OUT=${OUT:-/tmp/unet-gpu-out}
PY=${PYTHON:-python3}
T=bench/unet/gpu/train_unet_torch.py
mkdir -p "$OUT" /tmp/ampis-runs
for npz in .gpu/ampis/ampis-*-fold*.npz; do
  run=$(basename "$npz" .npz)
  cap=10; [[ $run == *satellite* ]] && cap=2
  $PY $T --data "$npz" --out "/tmp/ampis-runs/$run" --classes background,inside,boundary \
    --base 16 --crop 256 --batch 16 --dice 1.0 --lr 2e-3 --cap $cap --eval-every 500 \
    --minutes "$MIN" --seed 42 > "/tmp/ampis-runs/$run.log" 2>&1 &
done
wait
for d in /tmp/ampis-runs/*/; do
  run=$(basename "$d")
  cp "$d/weights-00.safetensors" "$OUT/$run.safetensors"
  tail -n 2 "/tmp/ampis-runs/$run.log"
done
tar -C /tmp/ampis-runs -cf "$OUT/logs.tar" --exclude='*.safetensors' .
