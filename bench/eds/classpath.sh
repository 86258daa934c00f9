#!/usr/bin/env bash
# Prints the classpath of the EDS benchmark programs (io.alloyflow.eds.bench, in the test tree of
# services/eds), compiling them first. Sourced by the bench/eds scripts; run from the repository root.
# Usage: CP="$(bench/eds/classpath.sh OUT_DIR)"
set -euo pipefail
OUT=${1:?usage: bench/eds/classpath.sh OUT_DIR}
mkdir -p "$OUT"
./mvnw -o -q -B -pl services/eds -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt" >&2
echo "services/eds/target/classes:services/eds/target/test-classes:$(cat "$OUT/cp.txt")"
