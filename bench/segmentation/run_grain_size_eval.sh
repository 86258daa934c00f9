#!/usr/bin/env bash
# ASTM E112 on synthetic grains2d (images as `./alloyflow synth grains2d` makes them): Heyn and
# Jeffries on the truth grain map and on a segmented map (boundary pixel classifier + watershed);
# see services/segmentation/src/test/java/io/alloyflow/segmentation/bench/GrainSizeEvaluation.java
# Usage: bench/segmentation/run_grain_size_eval.sh [SIZE=512] [N_TRAIN=3] [N_TEST=5] [DOSE=200]
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-512}; NTRAIN=${2:-3}; NTEST=${3:-5}; DOSE=${4:-200}
WORK=${BENCH_WORK:-/tmp/alloyflow-grain-eval}
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
OMP_WAIT_POLICY=PASSIVE java -Xmx3g -cp "$CP" io.alloyflow.segmentation.bench.GrainSizeEvaluation \
  "$SIZE" "$NTRAIN" "$NTEST" "$DOSE"
