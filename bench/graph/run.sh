#!/usr/bin/env bash
# Knowledge-graph scale benchmark: batched ingest and lineage / impact query latency on the
# embedded Neo4j at 10^4, 10^5 and 10^6 nodes (io.alloyflow.graph.GraphBenchmark).
# Usage: bench/graph/run.sh [GraphBenchmark options, e.g. --checkpoints 10000,1000000 --queries 300]
# Output: bench/graph/results-<date>.txt (full log; the summary table is at its end).
# BENCH_MAIN runs another main class of the knowledge-graph test sources on the same classpath
# (bench/graph/ingest-profile.sh uses it), BENCH_OUT_PREFIX names its output file.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d /tmp/graph-bench.XXXXXX)"
# one reactor build: test-compile then the classpath (modules resolve to their target/classes;
# every module writes the file, knowledge-graph last)
./mvnw -o -q -B -pl knowledge-graph -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" > "$WORK/mvn.log" || { cat "$WORK/mvn.log"; exit 1; }
# snapshot the classes so that a concurrent build cannot change them under the running bench
cp -r knowledge-graph/target/classes "$WORK/classes"
cp -r knowledge-graph/target/test-classes "$WORK/test-classes"
CP="$WORK/classes:$WORK/test-classes:$(tr ':' '\n' < "$WORK/cp.txt" | sed "s#^$PWD/knowledge-graph/target/classes\$##" | paste -sd:)"
OUT="bench/graph/${BENCH_OUT_PREFIX:-results}-$(date -u +%Y%m%dT%H%MZ).txt"
{
  echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo "# command: bench/graph/run.sh $*"
  java ${BENCH_JAVA_OPTS:-} -Xmx1g -Dalloyflow.repoRoot="$PWD" -Dalloyflow.neo4jHeap=-Xmx3g -cp "$CP" "${BENCH_MAIN:-io.alloyflow.graph.GraphBenchmark}" "$@"
} 2>&1 | tee "$OUT"
rm -rf "$WORK"
