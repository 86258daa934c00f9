#!/usr/bin/env bash
# Gateway acceptance under load: N concurrent submissions to `alloyflow serve` (child JVM) while a
# second client polls /v1/health. Prints p50/p95 time to the 202, health latency, completion.
# Usage: bench/gateway/run_load.sh [N=50]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-50}"
# one reactor build: sibling modules resolve to their target/classes
./mvnw -o -q -B -pl workflows -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/load-cp.txt" > /dev/null
CP="workflows/target/test-classes:workflows/target/classes:$(cat target/load-cp.txt)"
java -Xmx1g -Dsurefire.test.class.path="$CP" -Dalloyflow.repoRoot="$PWD" -cp "$CP" \
  io.alloyflow.workflows.gateway.GatewayLoadBench "$N" target/load-bench
