#!/usr/bin/env bash
# Fused phase classification of issue 12 on the synthetic A356 alloy: every method with BSE-only,
# EDS-only, fused (early) and late-fusion features; per-class, macro and micro F1 and the eutectic
# microconstituent fraction (lever rule). Usage:
#   bench/fusion/run_classification.sh [TRAIN=3] [TEST=3] [BSE_DOSE=5000] [DWELL_S=0.02]
# Environment: METHODS=xgb,rf restricts the methods (default all); CONTEXT=true adds the BSE
# spatial-context features (Hessian eigenvalues, gradient, sigma-8 level); REGIONS=true adds the
# SLIC superpixel region features; TEST_BASE=100 scores validation seeds 101.. instead of the
# held-out 2001.. (use it for any choice you make); CONFUSION=true prints confusion matrices.
# Output: bench/fusion/classification-dose<DOSE>[-context].txt
set -euo pipefail
cd "$(dirname "$0")/../.."
TRAIN="${1:-3}"; TEST="${2:-3}"; DOSE="${3:-5000}"; DWELL="${4:-0.02}"
SUFFIX=""; if [ "${CONTEXT:-false}" = true ]; then SUFFIX="-context"; fi
if [ "${REGIONS:-false}" = true ]; then SUFFIX="$SUFFIX-regions"; fi
if [ -n "${TEST_BASE:-}" ]; then SUFFIX="$SUFFIX-validation"; fi
./mvnw -o -B -q -pl services/fusion -am verify -Pbench -Dtest=FusedClassificationBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.fusion.train="$TRAIN" \
  -Dalloyflow.fusion.test="$TEST" -Dalloyflow.fusion.semDose="$DOSE" \
  -Dalloyflow.fusion.dwell="$DWELL" -Dalloyflow.fusion.methods="${METHODS:-}" \
  -Dalloyflow.fusion.context="${CONTEXT:-false}" -Dalloyflow.fusion.regions="${REGIONS:-false}" \
  -Dalloyflow.fusion.testBase="${TEST_BASE:-2000}" -Dalloyflow.fusion.confusion="${CONFUSION:-false}" > /tmp/fusion-classification-bench.log 2>&1 \
  || { tail -40 /tmp/fusion-classification-bench.log; exit 1; }
python3 - > "bench/fusion/classification-dose$DOSE$SUFFIX.txt" <<'PY'
import re
x = open("services/fusion/target/surefire-reports/"
         "TEST-io.alloyflow.fusion.classify.FusedClassificationBenchmark.xml").read()
for o in re.findall(r"<system-out><!\[CDATA\[(.*?)\]\]>", x, re.S):
    print("\n".join(l for l in o.splitlines() if "INFO" not in l and "DEBUG" not in l and not l.startswith(("Dec ", "Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov "))))
PY
cat "bench/fusion/classification-dose$DOSE$SUFFIX.txt"
