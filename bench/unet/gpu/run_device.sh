#!/usr/bin/env bash
# Trains two U-Net configurations side by side on one accelerator and keeps the one with the
# better validation mIoU (the test split plays no part in the choice). Runs on the device machine:
#   bash bench/unet/gpu/run_device.sh MINUTES   (needs .gpu/nasa-super1.npz, see README.md)
# Writes to $OUT: gpu.txt, runA.log, runB.log, choice.txt and best/ (safetensors + train-log.json).
set -u
MIN=${1:-6.5}
OUT=${OUT:-/tmp/unet-gpu-out}
DATA=${DATA:-.gpu/nasa-super1.npz}
PY=${PYTHON:-python3}
mkdir -p "$OUT/best"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/gpu.txt" 2>&1
T=bench/unet/gpu/train_unet_torch.py
$PY $T --data "$DATA" --out /tmp/runA --base 32 --crop 256 --batch 16 --dice 1.0 --lr 2e-3 --eval-every 200 \
  --minutes "$MIN" --seed 42 > "$OUT/runA.log" 2>&1 &
$PY $T --data "$DATA" --out /tmp/runB --base 32 --crop 384 --batch 8 --dice 0.5 --lr 1e-3 --eval-every 200 \
  --minutes "$MIN" --seed 7 > "$OUT/runB.log" 2>&1 &
wait
$PY - "$OUT" <<'PYEOF'
import json, os, shutil, sys
out = sys.argv[1]
runs = []
for r in ("/tmp/runA", "/tmp/runB"):
    f = os.path.join(r, "train-log.json")
    if os.path.exists(f):
        runs.append((json.load(open(f))["validation"]["mIoU"], r))
if not runs:
    sys.exit("no run finished")
runs.sort(reverse=True)
best = runs[0][1]
for n in os.listdir(best):
    shutil.copy(os.path.join(best, n), os.path.join(out, "best", n))
open(os.path.join(out, "choice.txt"), "w").write(
    "validation mIoU: %s; kept %s\n" % (runs, best))
print(open(os.path.join(out, "choice.txt")).read())
PYEOF
tail -n 3 "$OUT/runA.log" "$OUT/runB.log"
