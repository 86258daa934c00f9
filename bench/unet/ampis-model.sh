#!/usr/bin/env bash
# Rebuilds the shipped AMPIS powder particle instance model (models/ampis-powder-particles) on CPU
# with the recipe fixed by cross-validation (bench/unet/ampis.sh particle --method pixel ...), then
# segments and scores the annotated tiles through the command line's instance path.
# Usage: bench/unet/ampis-model.sh [OUT_DIR]   (default target/ampis-powder-particles)
# It runs the same command classes as ./alloyflow (SegmentationCliMain from the test classes), so
# no full package build is needed; `./alloyflow train segmentation ...` with the same arguments is
# equivalent.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-target/ampis-powder-particles}
DATA=${DATA:-../shared/data/segmentation/ampis-powder}
CP_FILE=services/segmentation/target/unet-bench.classpath
[ -s "$CP_FILE" ] || ./mvnw -o -q -B -pl services/segmentation -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
export OMP_WAIT_POLICY=PASSIVE
CLI=(java -Xmx4g -Dai.djl.offline=true -Djava.awt.headless=true -Dalloyflow.repoRoot="$(pwd)"
  -cp "services/segmentation/target/classes:services/segmentation/target/test-classes:$(cat "$CP_FILE")"
  io.alloyflow.segmentation.cli.SegmentationCliMain)
rm -rf "$OUT"
/usr/bin/time -v "${CLI[@]}" train segmentation --images "$DATA/images" \
  --masks "$DATA/via_powder_particle_masks_training.json" --format via --instances \
  --method pixel-classifier --instance-scale 2 --instance-boundary touching --auto-context 2 --samples 6000 \
  --prior-correction false --seed-threshold 0.5 --min-area 20 --val-split 0 --seed 42 \
  --out "$OUT" 2> >(tee "$OUT.train.log" >&2)
ANN=$(mktemp -d)
python3 - "$DATA/via_powder_particle_masks_training.json" "$DATA/images" "$ANN" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1])); d = d.get('_via_img_metadata', d)
for v in d.values():
    os.symlink(os.path.abspath(os.path.join(sys.argv[2], v['filename'])), os.path.join(sys.argv[3], v['filename']))
PY
"${CLI[@]}" segment --model "$OUT" --instances "$ANN" --out "$OUT.seg" > /dev/null
"${CLI[@]}" eval segmentation --pred "$OUT.seg/instances" --truth "$DATA/via_powder_particle_masks_training.json" \
  --format via --images "$ANN" --instances | tee "$OUT.eval.json"
