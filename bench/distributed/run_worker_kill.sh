#!/usr/bin/env bash
# Kill test of the distributed topology: the segmentation worker runs as its own process and gets
# SIGKILL in the middle of a segmentation, RUNS times (default 20); every analysis must complete
# exactly once (io.alloyflow.workflows.distributed.WorkerKillTest).
# Usage: bench/distributed/run_worker_kill.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-20}"
OUT="bench/distributed/results-worker-kill-$(date -u +%Y%m%dT%H%MZ).txt"
{
  echo "# $(date -u +%FT%TZ) $(uname -srm), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), runs $RUNS"
  ./mvnw -o -B -pl workflows -am verify -Dtest=WorkerKillTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dalloyflow.workerKillRuns="$RUNS" -DtrimStackTrace=false 2>&1 | grep -E "worker kill:|Tests run:|FAIL|ERROR" || true
} | tee "$OUT"
