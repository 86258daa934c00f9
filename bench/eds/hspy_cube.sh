#!/usr/bin/env bash
# HyperSpy .hspy spectrum-image read time, alloyflow (core/io/hspy) vs HyperSpy 1.7.3, on one
# W x H x C float32 cube written by alloyflow (default 512 x 512 x 2048 = 2 GiB; needs ~6 GB of
# free memory). Usage: bench/eds/hspy_cube.sh [W H C]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
W=${1:-512}; H=${2:-512}; C=${3:-2048}
OUT=${EDS_BENCH_DIR:-/tmp/eds-bench}
mkdir -p "$OUT"
F="$OUT/cube-${W}x${H}x${C}.hspy"
CP="$(bench/eds/classpath.sh "$OUT")"
echo "== alloyflow"
java -Xmx6g -cp "$CP" io.alloyflow.eds.bench.HspyCubeBench "$F" "$W" "$H" "$C" | tee "$OUT/hspy-java.json"
echo "== HyperSpy"
if /usr/bin/python3 -c "import hyperspy" 2>/dev/null; then
  /usr/bin/python3 bench/eds/hspy_cube.py "$F" | tee "$OUT/hspy-hyperspy.json"
else
  echo "HyperSpy missing (apt-get install -y python3-hyperspy): alloyflow side only"
fi
