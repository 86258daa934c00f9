#!/usr/bin/env bash
# Bruker .bcf reading, alloyflow (core/io/bruker) vs HyperSpy 1.7.3 (Debian python3-hyperspy) on
# the shared files: best-of-N read time per file, total counts (must agree), peak heap (Java) and
# peak RSS (Python). Usage: bench/eds/bcf_read.sh [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
N=${1:-5}
DIR="${ALLOYFLOW_SHARED_DATA:-$ROOT/../shared/data}/eds/vendor-formats/bruker"
OUT=${EDS_BENCH_DIR:-/tmp/eds-bench}
mkdir -p "$OUT"
CP="$(bench/eds/classpath.sh "$OUT")"
echo "== alloyflow"
java -Xmx1g -cp "$CP" io.alloyflow.eds.bench.BcfReadBench "$DIR" "$N" | tee "$OUT/bcf-java.jsonl"
echo "== HyperSpy"
if /usr/bin/python3 -c "import hyperspy" 2>/dev/null; then
  /usr/bin/python3 bench/eds/bcf_read.py "$DIR" "$N" | tee "$OUT/bcf-hyperspy.jsonl"
else
  echo "HyperSpy missing (apt-get install -y python3-hyperspy): alloyflow side only"
fi
