#!/usr/bin/env bash
# U-Net accuracy benchmark on the NASA superalloy data (Super1 train+val -> Super1/Super2 test).
# Usage: bench/unet/nasa.sh [MODEL_DIR] [extra --name value options for UNetNasaBenchmark]
# Not part of `mvn test`. The programs live in the test tree (mvn -o -q -B -pl services/segmentation -am test-compile).
set -euo pipefail
cd "$(dirname "$0")/../.."
MODEL=${1:-/work/models/unet-super1}; shift || true
CP_FILE=services/segmentation/target/unet-bench.classpath
[ -s "$CP_FILE" ] || mvn -o -q -B -pl services/segmentation -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
export OMP_WAIT_POLICY=PASSIVE
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-${TMPDIR:-/tmp}/djl-cache}
mkdir -p "$MODEL"
exec java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
  -cp "${UNET_CLASSES:-services/segmentation/target/classes:services/segmentation/target/test-classes}:$(cat "$CP_FILE")" \
  io.alloyflow.segmentation.unet.UNetNasaBenchmark \
  --data ../shared/data/segmentation/nasa-super --out "$MODEL" \
  --report "$MODEL/nasa-report.json" "$@"
