#!/usr/bin/env bash
# Fault test of the compose topology run as processes (ComposeTopologyTest, slow part): RUNS
# analyses (default 20) through the gateway, in each of which every worker process is SIGKILLed in
# the middle of its activity (workflows/ingest/graph during the ingest and during a graph write,
# a segmentation replica and the EDS worker together, fusion, prediction) and started again; every
# analysis must complete exactly once with no duplicate provenance. Then Neo4j is down for 30 s
# during one analysis. Writes results-worker-faults-<UTC time>.txt here.
# Usage: bench/distributed/run_worker_faults.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-20}"
OUT="bench/distributed/results-worker-faults-$(date -u +%Y%m%dT%H%MZ).txt"
{
  echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), runs $RUNS"
  ./mvnw -o -B -pl workflows -am verify -Dtest=ComposeTopologyTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dalloyflow.slow=true -Dalloyflow.faultRuns="$RUNS" -DtrimStackTrace=false 2>&1 \
    | grep -E "fault run|worker faults:|neo4j down|compose topology|Tests run:|FAIL|ERROR\]" || true
} | tee "$OUT"
