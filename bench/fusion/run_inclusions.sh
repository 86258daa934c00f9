#!/usr/bin/env bash
# Inclusion analysis of issue 12 on held-out synthetic steel fields: rules on full EDS,
# BSE-first screening trade-off (skipped EDS vs macro-F1 vs simulated instrument time) and the
# software throughput of detection + quantification + classification. Usage:
#   bench/fusion/run_inclusions.sh [TRAIN_FIELDS=20] [TEST_FIELDS=20]
# Output: bench/fusion/inclusions.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -B -q -pl services/fusion -am verify -Pbench -Dtest=InclusionBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.fusion.train="${1:-20}" \
  -Dalloyflow.fusion.test="${2:-20}" > /tmp/fusion-inclusion-bench.log 2>&1 \
  || { tail -40 /tmp/fusion-inclusion-bench.log; exit 1; }
grep -E '^(rule set|held-out|full EDS|BSE-only|threshold|[0-9.]+ |software)' \
  /tmp/fusion-inclusion-bench.log > bench/fusion/inclusions.txt
cat bench/fusion/inclusions.txt
