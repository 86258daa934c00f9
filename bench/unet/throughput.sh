#!/usr/bin/env bash
# U-Net tiled-inference throughput and peak heap on an 8192x8192 image under -Xmx2g.
# Usage: bench/unet/throughput.sh MODEL_DIR [SIZE [TILE [OVERLAP]]]
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=services/segmentation/target/unet-bench.classpath
[ -s "$CP_FILE" ] || mvn -o -q -B -pl services/segmentation -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$CP_FILE"
export OMP_WAIT_POLICY=PASSIVE
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-${TMPDIR:-/tmp}/djl-cache}
exec java -Xmx2g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=${THREADS:-2} \
  -Dalloyflow.sharedData=../shared/data \
  -cp "${UNET_CLASSES:-services/segmentation/target/classes:services/segmentation/target/test-classes}:$(cat "$CP_FILE")" \
  io.alloyflow.segmentation.unet.UNetThroughputBench "$@"
