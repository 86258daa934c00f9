#!/usr/bin/env bash
# Coverage-guided fuzzing of every file parser with Jazzer (com.code-intelligence:jazzer-junit).
#
#   bench/fuzz/run_fuzz.sh [parser ...]
#
# parsers: micrograph labelImage emsa rpl arrow (core) via (segmentation); default: all.
# Each parser is fuzzed in its own JVM (JAZZER_FUZZ=1) until 1,000,000 executions or 60 minutes
# (the @FuzzTest bounds), with a 512 MiB heap, so an input that makes a reader allocate beyond its
# limits ends as an OutOfMemoryError finding. Findings (crash-* files) land in the module folder
# (core/ or services/segmentation/) and fail the run; libFuzzer's statistics (execs, exec/s) are
# kept in bench/fuzz/out/<parser>.log and summarised at the end. The generated corpus goes to
# <module>/.cifuzz-corpus/ (not committed); the committed seeds are in
# src/test/resources/**/*FuzzTestInputs/<parser>/ and run in every `./mvnw verify`.
#
# Needs the modules built once: ./mvnw -B -q -pl services/segmentation -am install is NOT
# required; the script runs `-pl <module> -am` itself (offline when ~/.m2 is filled).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/fuzz/out
mkdir -p "$out"
parsers=("$@")
if [ ${#parsers[@]} -eq 0 ]; then
  parsers=(micrograph labelImage emsa rpl arrow via)
fi
heap=${FUZZ_HEAP:-512m}
status=0
for p in "${parsers[@]}"; do
  case "$p" in
    via) module=services/segmentation; test="ViaFuzzTest#via" ;;
    micrograph|labelImage|emsa|rpl|arrow) module=core; test="ParserFuzzTest#$p" ;;
    *) echo "unknown parser $p" >&2; exit 2 ;;
  esac
  echo "== fuzzing $p ($module, $test)"
  start=$(date +%s)
  if JAZZER_FUZZ=1 ./mvnw -o -B -pl "$module" -am verify -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
      -Dsurefire.argLine="--add-opens=java.base/java.nio=ALL-UNNAMED -Xmx$heap -Xss4m -Djazzer.hooks=true" \
      > "$out/$p.log" 2>&1; then
    result=ok
  else
    result=FINDING-OR-FAILURE
    status=1
  fi
  end=$(date +%s)
  # libFuzzer's final line: "Done N runs in S second(s)"; progress lines carry exec/s
  done_line=$(grep -a "Done [0-9]* runs" "$out/$p.log" | tail -1 || true)
  last_stat=$(grep -aE "#[0-9]+.*exec/s" "$out/$p.log" | tail -1 || true)
  echo "$p: $result in $((end - start)) s; ${done_line:-no Done line}; last: ${last_stat}" \
    | tee -a "$out/summary.txt"
done
exit $status
