#!/usr/bin/env bash
# Orchestration overhead of the analysis workflow: N analyses one at a time, then N with C at once,
# on the embedded stack in one JVM; latency p50/p95 and, from the Temporal histories, each
# activity's own time and dispatch time and the workflow time with no activity running
# (io.alloyflow.workflows.distributed.OrchestrationOverheadBench). Writes a results file here.
# Usage: bench/distributed/run_overhead.sh [N=20] [C=4]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-20}"
C="${2:-4}"
OUT="bench/distributed/results-overhead-$(date -u +%Y%m%dT%H%MZ).txt"
# one reactor build: sibling modules resolve to their target/classes
./mvnw -o -q -B -pl workflows -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/overhead-cp.txt" > /dev/null
CP="workflows/target/test-classes:workflows/target/classes:$(cat target/overhead-cp.txt)"
{
  echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), N $N, C $C"
  java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -Dai.djl.offline=true -Dalloyflow.repoRoot="$PWD" \
    -cp "$CP" io.alloyflow.workflows.distributed.OrchestrationOverheadBench "$N" "$C" target/overhead-bench 2>target/overhead-bench.log | grep -v "^\["
} | tee "$OUT"
