#!/usr/bin/env bash
# Phase/grain contrasts of the synthetic images and the Rose-criterion dose (k = 5) each needs to
# be visible at pixel level; see ImagingContrast's Javadoc.
# Usage: bench/segmentation/run_contrast_report.sh [SIZE=512] [SEED=1001]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-512}; SEED=${2:-1001}
WORK=${BENCH_WORK:-/tmp/alloyflow-contrast-report}
mkdir -p "$WORK"
. bench/lib/segmentation-classpath.sh
java -Xmx2g -cp "$CP" io.alloyflow.segmentation.bench.ImagingContrast "$SIZE" "$SEED"
