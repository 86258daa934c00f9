#!/usr/bin/env bash
# EDS benchmark, alloyflow vs HyperSpy 1.7.3 (Debian python3-hyperspy) on the same cube:
# Poisson PCA of a 256x256x2048 spectrum image, single-spectrum quantification latency after
# warm-up, batch quantification throughput. Usage: bench/eds/run_bench.sh [WIDTH HEIGHT CHANNELS]
# Environment: EDS_BENCH_DIR (work folder, default /tmp/eds-bench), EDS_BENCH_SKIP_FULL=1 to skip
# HyperSpy's full SVD (slow on small machines), EDS_BENCH_REUSE_HYPERSPY=1 to keep an earlier
# HyperSpy result for the same cube.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
W=${1:-256}; H=${2:-256}; C=${3:-2048}; K=32
OUT=${EDS_BENCH_DIR:-/tmp/eds-bench}
PY=/usr/bin/python3
mkdir -p "$OUT"
$PY -c "import hyperspy" 2>/dev/null || { echo "HyperSpy missing: apt-get install -y python3-hyperspy"; exit 1; }
SI="$OUT/si-${W}x${H}x${C}"
[ -f "$SI.raw" ] || $PY bench/eds/make_si.py "$SI" "$W" "$H" "$C"
CP="$(bench/eds/classpath.sh "$OUT")"
DATA="${ALLOYFLOW_SHARED_DATA:-$ROOT/../shared/data}/eds/nist-k412"
echo "== alloyflow (Java 17, libtorch via DJL)"
DJL_CACHE_DIR="$OUT/djl" OMP_WAIT_POLICY=PASSIVE java -Xmx4g -Dai.djl.offline=true \
  --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$CP" io.alloyflow.eds.bench.EdsBench \
  "$SI.rpl" "$DATA" $K > "$OUT/java.json"
echo "== HyperSpy"
if [ -n "${EDS_BENCH_REUSE_HYPERSPY:-}" ] && [ -s "$OUT/hyperspy.json" ]; then
  echo "(reusing $OUT/hyperspy.json)"
else
  $PY bench/eds/hyperspy_pca.py "$SI.raw" "$W" "$H" "$C" $K ${EDS_BENCH_SKIP_FULL:+skip-full} > "$OUT/hyperspy.json"
fi
echo "== comparison"
$PY bench/eds/compare.py "$OUT/java.json" "$OUT/hyperspy.json" 8 | tee "$OUT/report.txt"
