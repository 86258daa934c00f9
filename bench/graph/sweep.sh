#!/usr/bin/env bash
# Live-writer settings sweep (issue 14): batch size, parallel writers and server settings, each a
# fresh database loaded to the same checkpoints with the same generated analyses; compare the
# second segment's nodes per server CPU second (the first segment warms the JVMs and caches).
# Usage: bench/graph/sweep.sh [CHECKPOINTS, default 40000,160000]
# Output: one results-<time>.txt per run here (bench/graph/run.sh), summary lines on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
CP="${1:-40000,160000}"
Q=20
run() { echo "== $*"; "$@" | grep -E "^checkpoint|^# command|settings \[" ; }
run bench/graph/run.sh --checkpoints "$CP" --queries $Q --page-cache-mb 1024 --batch 1000
run bench/graph/run.sh --checkpoints "$CP" --queries $Q --page-cache-mb 1024 --batch 1000 --writers 2
run bench/graph/run.sh --checkpoints "$CP" --queries $Q --page-cache-mb 1024 --batch 5000
run bench/graph/run.sh --checkpoints "$CP" --queries $Q --page-cache-mb 1024 --batch 2000
run bench/graph/run.sh --checkpoints "$CP" --queries $Q --page-cache-mb 1024 --batch 500
# checkpoints less often: every commit still forces the transaction log to disk (durability is
# the log's), a checkpoint only bounds recovery time; so this trades recovery time for CPU/IO
BENCH_JAVA_OPTS="-Dalloyflow.neo4jSettings=db.checkpoint.interval.time=1h,db.checkpoint.interval.tx=100000000,db.checkpoint.interval.volume=4g" \
  run bench/graph/run.sh --checkpoints "$CP" --queries $Q --page-cache-mb 1024 --batch 1000
