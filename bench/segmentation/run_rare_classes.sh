#!/usr/bin/env bash
# The 5-class rare-class benchmark of issue 17: what a user gets from ~30 of their own labelled
# JPEG micrographs with the DEFAULT `train segmentation` (no tuning flags), a 4 GB heap and a
# 30-minute budget, scored on held-out images with `eval segmentation` (mIoU and every per-class
# IoU). Target: mIoU >= 0.65 with every class above 0.3.
# The set (22 training + 8 held-out 256x256 JPEG tiles; classes matrix, secondary and tertiary
# gamma-prime from the real NASA superalloy masks, plus synthetic MC carbides and pores, the two
# rare classes) is made by RareClassSet from ../shared/data; see its javadoc for the recipe.
# Usage: bench/segmentation/run_rare_classes.sh [DATA=../shared/data] [SEED=17]
# Writes $BENCH_WORK (default /tmp/alloyflow-rare-classes): set/, model.zip, train.log,
# pred/, eval.json, summary.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data}/segmentation/nasa-super
SEED=${2:-17}
WORK=${BENCH_WORK:-/tmp/alloyflow-rare-classes}
if [ ! -d "$DATA/Super1" ]; then
  echo "run_rare_classes: $DATA/Super1 not found (the shared NASA superalloy data); nothing to do" >&2
  exit 2
fi
mkdir -p "$WORK"
. bench/segmentation/dose-classpath.sh
J="java -Djava.awt.headless=true -Dai.djl.offline=true --add-opens=java.base/java.nio=ALL-UNNAMED"
cli() { OMP_WAIT_POLICY=PASSIVE $J -Xmx4g -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain "$@"; }
rm -rf "$WORK/set" "$WORK/pred" "$WORK/model.zip"
$J -cp "$CP" io.alloyflow.segmentation.bench.RareClassSet "$DATA" "$WORK/set" "$SEED"
NAMES=matrix,secondary,tertiary,carbide,pore
t0=$(date +%s)
/usr/bin/time -f "train: peak RSS %M kB, %e s wall, %U s user CPU" -o "$WORK/time.txt" \
  env OMP_WAIT_POLICY=PASSIVE $J -Xmx4g -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain \
  train segmentation --images "$WORK/set/train/images" --masks "$WORK/set/train/masks" \
  --class-names $NAMES --max-minutes 30 --out "$WORK/model.zip" 2> "$WORK/train.log"
t1=$(date +%s)
cli segment --model "$WORK/model.zip" "$WORK/set/test/images" --out "$WORK/pred" > /dev/null
cli eval segmentation --pred "$WORK/pred" --truth "$WORK/set/test/masks" --format png \
  --classes 5 > "$WORK/eval.json"
/usr/bin/python3 - "$WORK" "$((t1 - t0))" <<'PY' | tee "$WORK/summary.txt"
import json, sys
w, secs = sys.argv[1], int(sys.argv[2])
d = json.load(open(w + "/eval.json"))
names = "matrix secondary tertiary carbide pore".split()
iou = d["perClassIoU"]
ok = d["mIoU"] >= 0.65 and min(iou) > 0.3 and secs <= 1800
print(open(w + "/set/README.txt").read().strip())
print(open(w + "/time.txt").read().strip())
print("held-out (8 tiles): mIoU %.4f, pixel accuracy %.4f" % (d["mIoU"], d["pixelAccuracy"]))
for n, v in zip(names, iou):
    print("  IoU %-10s %.4f" % (n, v))
print("target mIoU >= 0.65, every class > 0.3, <= 30 min: %s" % ("MET" if ok else "NOT MET"))
PY
