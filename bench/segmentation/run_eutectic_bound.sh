#!/usr/bin/env bash
# Oracle upper bound of the al-alloy eutectic IoU (and of the mIoU) for segmenters that find the
# eutectic region through its Si particles: the true flake mask is closed/dilated into an envelope
# (radius chosen on seeds 501-502) and scored on seeds 1001..1000+N_TEST. See
# EutecticEnvelopeBound's Javadoc.
# Usage: bench/segmentation/run_eutectic_bound.sh [SIZE=512] [N_TEST=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-512}; NTEST=${2:-5}
WORK=${BENCH_WORK:-/tmp/alloyflow-eutectic-bound}
mkdir -p "$WORK"
. bench/lib/segmentation-classpath.sh
java -Xmx2g -cp "$CP" io.alloyflow.segmentation.bench.EutecticEnvelopeBound "$SIZE" "$NTEST"
