#!/usr/bin/env bash
# Software throughput of the inclusion pipeline of issue 12 (detection + BSE screening inference
# + quantification + rule classification + cleanliness report; simulated acquisition excluded)
# on held-out synthetic steel fields, with the JVM pinned to two cores (taskset, and
# -XX:ActiveProcessorCount=2). Usage:
#   bench/fusion/run_throughput.sh [FIELDS=20] [PASSES=3]
# Output: bench/fusion/throughput.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
PIN=""
if command -v taskset > /dev/null && [ "$(nproc)" -ge 2 ]; then PIN="taskset -c 0,1"; fi
$PIN ./mvnw -o -B -q -pl services/fusion -am verify -Pbench -Dtest=InclusionThroughputBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.fusion.fields="${1:-20}" \
  -Dalloyflow.fusion.passes="${2:-3}" \
  "-Dsurefire.argLine=--add-opens=java.base/java.nio=ALL-UNNAMED -Xmx3g -XX:ActiveProcessorCount=2" \
  > /tmp/fusion-throughput-bench.log 2>&1 \
  || { tail -40 /tmp/fusion-throughput-bench.log; exit 1; }
{ echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"\
    "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)";
  grep -E '^(cores available|timed:|THROUGHPUT)' /tmp/fusion-throughput-bench.log; } \
  > bench/fusion/throughput.txt
cat bench/fusion/throughput.txt
