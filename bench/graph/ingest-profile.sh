#!/usr/bin/env bash
# Ingest profile of the knowledge-graph writer (io.alloyflow.graph.IngestProfile): wall time, the
# embedded server's CPU seconds and client time per statement, after two warm-up batches.
# Usage: bench/graph/ingest-profile.sh ANALYSES BATCH [create|merge|procedure]   e.g. 5000 1000 merge
# (procedure: the server-side batch writer alloyflow.writeProvenance; create: the Cypher create
# path for new analyses; merge: the Cypher merge path)
# Set NEO4J_JVM_ARGS (no spaces) to pass options to the server JVM, e.g.
#   NEO4J_JVM_ARGS=-XX:StartFlightRecording=filename=/tmp/neo.jfr,settings=profile,dumponexit=true
# Output: bench/graph/ingest-profile-<date>.txt
set -euo pipefail
BENCH_MAIN=io.alloyflow.graph.IngestProfile BENCH_OUT_PREFIX=ingest-profile \
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dbulk=${3:-create} -Dnoprofile=1 -Dalloyflow.neo4jJvmArgs=${NEO4J_JVM_ARGS:-}" \
  exec "$(dirname "$0")/run.sh" "$1" "$2" 1024
