#!/usr/bin/env bash
# Cross-validated AMPIS powder instance segmentation (3-class U-Net + watershed), AP50 per kind.
# Usage: bench/unet/ampis.sh particle|satellite [extra --name value options for AmpisBenchmark]
set -euo pipefail
cd "$(dirname "$0")/../.."
KIND=${1:-particle}; shift || true
CP_FILE=services/segmentation/target/unet-bench.classpath
[ -s "$CP_FILE" ] || mvn -o -q -B -pl services/segmentation -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
export OMP_WAIT_POLICY=PASSIVE
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-${TMPDIR:-/tmp}/djl-cache}
OUT=${OUT:-/work/models/unet-ampis-$KIND}
mkdir -p "$OUT"
exec java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
  -cp "${UNET_CLASSES:-services/segmentation/target/classes:services/segmentation/target/test-classes}:$(cat "$CP_FILE")" \
  io.alloyflow.segmentation.instance.AmpisBenchmark \
  --data ../shared/data/segmentation/ampis-powder --kind "$KIND" --out "$OUT" \
  --report "$OUT/ampis-report.json" "$@"
