#!/usr/bin/env bash
# Side-by-side speed benchmark of the classical instance pipeline
# (Otsu -> distance transform -> h-maxima markers -> watershed -> region properties)
# alloyflow (Java) vs scikit-image 0.19 (Debian python3-skimage) on the same 2048x2048 images.
# Usage: bench/segmentation/run_classical_bench.sh [N_IMAGES=3] [REPEATS=3] [H=2.0]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3}; REPEATS=${2:-3}; H=${3:-2.0}
PY=/usr/bin/python3
WORK=${BENCH_WORK:-/tmp/alloyflow-seg-bench}
mkdir -p "$WORK/images"
$PY -c "import skimage; print('scikit-image', skimage.__version__)"
[ -f "$WORK/images/bench00.png" ] || $PY bench/segmentation/make_images.py "$WORK/images" "$N" 2026
. bench/lib/segmentation-classpath.sh
echo "== alloyflow (Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), best of $REPEATS)"
java -Xmx4g -cp "$CP" io.alloyflow.segmentation.bench.ClassicalPipelineBench \
  "$WORK/images" "$WORK/java" "$H" "$REPEATS" | tee "$WORK/java.jsonl"
echo "== scikit-image (best of $REPEATS)"
$PY bench/segmentation/skimage_pipeline.py "$WORK/images" "$WORK/skimage" "$H" "$REPEATS" | tee "$WORK/skimage.jsonl"
echo "== label agreement (reference: scikit-image)"
$PY bench/segmentation/compare_labels.py "$WORK/skimage" "$WORK/java" | tee "$WORK/agreement.jsonl"
$PY - "$WORK" <<'PYEOF'
import json, sys
w = sys.argv[1]
j = [json.loads(l) for l in open(w + "/java.jsonl")]
s = [json.loads(l) for l in open(w + "/skimage.jsonl")]
a = [json.loads(l) for l in open(w + "/agreement.jsonl")]
tj = sum(r["total_s"] for r in j); ts = sum(r["total_s"] for r in s)
print("== summary")
for k in ["otsu_s", "edt_s", "markers_s", "watershed_s", "regionprops_s", "total_s"]:
    kj = sum(r[k] for r in j); ks = sum(r[k] for r in s)
    print(f"{k:14s} java {kj:8.3f} s  skimage {ks:8.3f} s  speed-up x{ks / max(kj, 1e-9):6.2f}")
print(f"images {len(j)}; mean label agreement IoU {sum(r['label_agreement_iou'] for r in a)/len(a):.5f}; "
      f"mean foreground IoU {sum(r['foreground_iou'] for r in a)/len(a):.5f}; "
      f"identical pixels {sum(r['identical_pixels'] for r in a)/len(a):.5f}")
PYEOF
