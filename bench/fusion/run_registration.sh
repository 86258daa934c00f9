#!/usr/bin/env bash
# Registration accuracy of issue 12 on held-out synthetic Al-alloy SEM/EDS pairs (seeds 1000..):
# scale ratio 4x-20x, rotation up to 3 deg, shifts up to 20 % of the field, 2 % scale error,
# 48x48 EDS pixels at 20 ms / 1 nA (~900 counts per pixel). Usage:
#   bench/fusion/run_registration.sh [SEEDS=100] [DWELL_S=0.02]
# Output: bench/fusion/registration-<dwell>.txt (one line per seed + SUMMARY line).
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS="${1:-100}"
DWELL="${2:-0.02}"
./mvnw -o -B -q -pl services/fusion -am verify -Pbench -Dtest=RegistrationBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.fusion.seeds="$SEEDS" \
  -Dalloyflow.fusion.dwell="$DWELL" > /tmp/fusion-registration-bench.log 2>&1 \
  || { tail -40 /tmp/fusion-registration-bench.log; exit 1; }
grep -E '^(seed|[0-9]+ |SUMMARY)' /tmp/fusion-registration-bench.log > "bench/fusion/registration-$DWELL.txt"
tail -1 "bench/fusion/registration-$DWELL.txt"
