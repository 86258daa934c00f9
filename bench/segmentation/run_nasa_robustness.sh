#!/usr/bin/env bash
# Robustness of the pixel classifier to other imaging conditions (issue 17): trains on NASA Super1
# train with the default settings (plus --augment N augmented copies per image; the shipped
# model's command), validates on Super1 val, then scores Super1 test (in distribution) and
# Super2 different_test (other alloys, microscopes, voltages and magnifications) through
# `segment` + `eval segmentation`. Usage:
#   bench/segmentation/run_nasa_robustness.sh [AUGMENT=0] [DATA=../shared/data] [extra train args]
# Writes $BENCH_WORK (default /tmp/alloyflow-nasa-robustness-aAUGMENT): model.zip, train.log,
# *.json, summary.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
AUG=${1:-0}
DATA=${2:-../shared/data}/segmentation/nasa-super
shift $(( $# > 2 ? 2 : $# ))
WORK=${BENCH_WORK:-/tmp/alloyflow-nasa-robustness-a$AUG}
mkdir -p "$WORK"
. bench/segmentation/dose-classpath.sh
J="java -Xmx4g -Djava.awt.headless=true -Dai.djl.offline=true --add-opens=java.base/java.nio=ALL-UNNAMED"
cli() { OMP_WAIT_POLICY=PASSIVE $J -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain "$@"; }
rm -rf "$WORK/model.zip" "$WORK"/pred-*
/usr/bin/time -f "train: peak RSS %M kB, %e s wall, %U s user CPU" -o "$WORK/time.txt" \
  env OMP_WAIT_POLICY=PASSIVE $J -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain \
  train segmentation --images "$DATA/Super1/train" --masks "$DATA/Super1/train_annot" \
  --format nasa --val-images "$DATA/Super1/val" --val-masks "$DATA/Super1/val_annot" \
  --augment "$AUG" "$@" --out "$WORK/model.zip" 2> "$WORK/train.log"
for S in Super1/test Super2/different_test; do
  n=${S//\//-}
  cli eval segmentation --model "$WORK/model.zip" --images "$DATA/$S" --truth "$DATA/${S}_annot" \
    --format nasa > "$WORK/$n.json" 2> "$WORK/$n.log"
done
/usr/bin/python3 - "$WORK" "$AUG" <<'PY' | tee "$WORK/summary.txt"
import json, sys
w = sys.argv[1]
print("augment", sys.argv[2], open(w + "/time.txt").read().strip())
for n in ["Super1-test", "Super2-different_test"]:
    d = json.load(open(w + "/" + n + ".json"))
    print("%-22s mIoU %.4f per class %s" % (n, d["mIoU"], [round(v, 4) for v in d["perClassIoU"]]))
PY
