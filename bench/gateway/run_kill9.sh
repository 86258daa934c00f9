#!/usr/bin/env bash
# Durable acceptance: RUNS cycles of {start serve, submit 3 analyses, SIGKILL serve, restart,
# check every accepted analysis completed exactly once}. Usage: bench/gateway/run_kill9.sh [RUNS=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-20}"
./mvnw -o -B -pl workflows -am verify -Dtest=CrashRecoveryTest#acceptedAnalysesSurviveAKill9OfTheServer \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.crashRuns="$RUNS" | grep -E "Tests run:|FAIL|BUILD"
