#!/usr/bin/env bash
# Ingest profile of the knowledge-graph writer (io.alloyflow.graph.IngestProfile): wall time, the
# embedded server's CPU seconds and client time per statement, after two warm-up batches.
# Usage: bench/graph/ingest-profile.sh ANALYSES BATCH [create|merge]   e.g. 5000 1000 merge
# Set NEO4J_JVM_ARGS (no spaces) to pass options to the server JVM, e.g.
#   NEO4J_JVM_ARGS=-XX:StartFlightRecording=filename=/tmp/neo.jfr,settings=profile,dumponexit=true
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d /tmp/graph-profile.XXXXXX)"
./mvnw -o -q -B -pl knowledge-graph -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" > "$WORK/mvn.log" || { cat "$WORK/mvn.log"; exit 1; }
cp -r knowledge-graph/target/classes "$WORK/classes"
cp -r knowledge-graph/target/test-classes "$WORK/test-classes"
CP="$WORK/classes:$WORK/test-classes:$(tr ':' '\n' < "$WORK/cp.txt" | sed "s#^$PWD/knowledge-graph/target/classes\$##" | paste -sd:)"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); ingest-profile.sh $*"
java -Xmx1g -Dalloyflow.repoRoot="$PWD" -Dalloyflow.neo4jHeap=-Xmx3g -Dbulk="${3:-create}" -Dnoprofile=1 \
  -Dalloyflow.neo4jJvmArgs="${NEO4J_JVM_ARGS:-}" -cp "$CP" io.alloyflow.graph.IngestProfile "$1" "$2" 1024 2>&1 | grep -v '^SLF4J'
rm -rf "$WORK"
