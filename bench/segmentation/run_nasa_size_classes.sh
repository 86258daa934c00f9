#!/usr/bin/env bash
# Precipitate size classes on the NASA superalloy data (issue 17): the shipped ensemble (or MODEL)
# through the CLI, without and with `--precipitate-size-classes auto`, on Super1 val, Super1 test
# and Super2 different_test (`eval segmentation --model`: pooled mIoU, per-class and per-image
# IoU), then the speck-size sweep on Super1 val that chose SizeClassSettings.DEFAULT_MIN_AREA_PX
# (SizeClassSweep on the val predictions, also applied to the truth maps). Usage:
#   bench/segmentation/run_nasa_size_classes.sh [MODEL=nasa-superalloy-ensemble] [DATA=../shared/data]
# Writes $BENCH_WORK (default /tmp/alloyflow-nasa-size-classes): pred-SPLIT-MODE/, SPLIT-MODE.json,
# sweep-val.txt, per-image-test.txt, per-image-different_test.txt, summary.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL=${1:-nasa-superalloy-ensemble}
DATA=${2:-../shared/data}/segmentation/nasa-super
WORK=${BENCH_WORK:-/tmp/alloyflow-nasa-size-classes}
mkdir -p "$WORK"
. bench/segmentation/dose-classpath.sh
export OMP_WAIT_POLICY=PASSIVE DJL_CACHE_DIR=${DJL_CACHE_DIR:-$WORK/djl-cache}
J="java -Xmx3g -Djava.awt.headless=true -Dai.djl.offline=true --add-opens=java.base/java.nio=ALL-UNNAMED"
cli() { $J -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain "$@"; }
: > "$WORK/summary.txt"
for split in Super1/val Super1/test Super2/different_test; do
  s=$(basename "$split")
  for mode in off auto; do
    start=$(date +%s)
    cli eval segmentation --model "$MODEL" --precipitate-size-classes "$mode" \
      --images "$DATA/$split" --truth "$DATA/${split}_annot" --format nasa \
      --pred "$WORK/pred-$s-$mode" > "$WORK/$s-$mode.json" 2> "$WORK/$s-$mode.err"
    python3 - "$WORK/$s-$mode.json" "$s" "$mode" "$(( $(date +%s) - start ))" >> "$WORK/summary.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
per = d.get("perClassIoU")
imgs = " ".join("%s %.4f" % (i["image"], i["mIoU"]) for i in d.get("perImage", []))
print("%-15s %-5s mIoU %.4f per-class %s (%s s) | %s" % (sys.argv[2], sys.argv[3], d["mIoU"],
      [round(x, 4) for x in per] if per else per, sys.argv[4], imgs))
PY
  done
done
$J -cp "$CP" io.alloyflow.segmentation.bench.SizeClassSweep "$WORK/pred-val-off" \
  "$DATA/Super1/val_annot" 1,2,3,4,5,6,8,10,12 > "$WORK/sweep-val.txt" 2>/dev/null
$J -cp "$CP" io.alloyflow.segmentation.bench.SizeClassSweep "$WORK/pred-val-off" \
  "$DATA/Super1/val_annot" 4 1 2 1 >> "$WORK/sweep-val.txt" 2>/dev/null
# per image and per class, before -> after, at the default speck size (the same rule as `auto`)
for split in Super1/test Super2/different_test; do
  $J -cp "$CP" io.alloyflow.segmentation.bench.SizeClassSweep "$WORK/pred-$(basename "$split")-off" \
    "$DATA/${split}_annot" 4 > "$WORK/per-image-$(basename "$split").txt" 2>/dev/null
done
cat "$WORK/summary.txt"
grep -v '^  ' "$WORK/sweep-val.txt"
