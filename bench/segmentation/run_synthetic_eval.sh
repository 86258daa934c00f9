#!/usr/bin/env bash
# Held-out synthetic evaluation on dual-phase steel (SyntheticWorld.dualPhaseSteel):
# Otsu, k-means and the pixel classifier (trained on other seeds).
# Usage: bench/segmentation/run_synthetic_eval.sh [SIZE=512] [PIXEL_M=2.5e-7] [N_TRAIN=3] [N_TEST=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-512}; PX=${2:-2.5e-7}; NTRAIN=${3:-3}; NTEST=${4:-5}
WORK=${BENCH_WORK:-/tmp/alloyflow-synth-eval}
mkdir -p "$WORK"
mvn -o -q -B -pl services/segmentation test-compile
mvn -o -q -B -pl services/segmentation dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
# snapshot the project jars so a concurrent `mvn install` of another module cannot break the run
mkdir -p "$WORK/lib"
DEPS=""
for j in $(tr ':' ' ' < "$WORK/cp.txt"); do
  case "$j" in */io/alloyflow/*) cp "$j" "$WORK/lib/"; DEPS="$DEPS:$WORK/lib/$(basename "$j")";; *) DEPS="$DEPS:$j";; esac
done
# and the module's classes (another build of the module may clean target/ meanwhile)
rm -rf "$WORK/classes" "$WORK/test-classes"
cp -r services/segmentation/target/classes "$WORK/classes"
cp -r services/segmentation/target/test-classes "$WORK/test-classes"
CP="$WORK/classes:$WORK/test-classes$DEPS"
OMP_WAIT_POLICY=PASSIVE java -Xmx3g -cp "$CP" io.alloyflow.segmentation.bench.SyntheticEvaluation \
  "$SIZE" "$PX" "$NTRAIN" "$NTEST" "$WORK"
