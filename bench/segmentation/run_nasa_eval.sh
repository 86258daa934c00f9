#!/usr/bin/env bash
# NASA superalloy (Super1, Super2) test-split evaluation of the classical methods and the pixel
# classifier trained on the train split, through the segmentation CLI commands.
# Classes: 0 matrix (grey), 1 secondary gamma-prime (blue), 2 tertiary gamma-prime (red).
# Unsupervised methods (multi-Otsu, k-means) order classes by intensity, so their classes are
# matched one-to-one to the truth classes (Hungarian on the pooled confusion matrix,
# --match-classes). Usage: bench/segmentation/run_nasa_eval.sh [DATA=../shared/data]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data}/segmentation/nasa-super
WORK=${BENCH_WORK:-/tmp/alloyflow-nasa-eval}
mkdir -p "$WORK"
. bench/lib/segmentation-classpath.sh
cli() { OMP_WAIT_POLICY=PASSIVE java -Xmx3g -Dai.djl.offline=true -cp "$CP" io.alloyflow.segmentation.cli.SegmentationCliMain "$@"; }
summ() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print('$1', json.dumps({k: d[k] for k in ['pixelAccuracy','mIoU','perClassIoU','f1Macro','ap50','aji','predToTruthClass'] if k in d}))"; }
ONLY=${ONLY:-all}   # all | classical | pixel-classifier
for S in Super1 Super2; do
  if [ "$ONLY" != pixel-classifier ]; then
  for M in multiotsu kmeans; do
    cli segment --method $M --classes 3 --smooth 1 "$DATA/$S/test" --out "$WORK/$S-$M" > /dev/null
    cli eval segmentation --pred "$WORK/$S-$M" --truth "$DATA/$S/test_annot" --format nasa --match-classes \
      | tee "$WORK/$S-$M.json" | summ "$S $M(3 classes, smooth 1, matched)"
  done
  cli segment --method otsu --smooth 1 "$DATA/$S/test" --out "$WORK/$S-otsu" > /dev/null
  cli eval segmentation --pred "$WORK/$S-otsu" --truth "$DATA/$S/test_annot" --format nasa \
    --truth-map 0:0,1:1,2:1 --match-classes | tee "$WORK/$S-otsu.json" | summ "$S otsu(2 classes: matrix vs all gamma-prime, matched)"
  fi
  [ "$ONLY" = classical ] && continue
  t0=$(date +%s)
  cli train segmentation --images "$DATA/$S/train" --masks "$DATA/$S/train_annot" --format nasa \
    --out "$WORK/$S-pc.zip" > /dev/null
  t1=$(date +%s)
  cli segment --method pixel-classifier --model "$WORK/$S-pc.zip" "$DATA/$S/test" --out "$WORK/$S-pc" > /dev/null
  t2=$(date +%s)
  echo "$S pixel-classifier: train $((t1 - t0)) s, segment 4 test images $((t2 - t1)) s (incl. JVM start)"
  cli eval segmentation --pred "$WORK/$S-pc" --truth "$DATA/$S/test_annot" --format nasa \
    | tee "$WORK/$S-pc.json" | summ "$S pixel-classifier(XGBoost, trained on $S/train)"
  cli eval segmentation --pred "$WORK/$S-pc" --truth "$DATA/$S/test_annot" --format nasa \
    --truth-map 0:0,1:1,2:1 --pred-map 0:0,1:1,2:1 | summ "$S pixel-classifier as 2 classes (matrix vs all gamma-prime)"
done
