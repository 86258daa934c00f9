#!/usr/bin/env bash
# Fuzzes the parsers in parallel with Jazzer's standalone driver (same @FuzzTest methods as
# run_fuzz.sh, without Maven), from a bundle made by make_bundle.sh.
#
#   bench/fuzz/run_standalone.sh BUNDLE_DIR OUT_DIR [seconds] [runs per parser] [parser[:jobs] ...]
#
# parsers: micrograph labelImage emsa rpl arrow via (default: all, 1 job each). A parser with N
# jobs runs N JVMs with different seeds sharing one corpus folder, each bounded by runs/N
# executions, so the executions a parser gets add up to at most `runs`. Each JVM has -Xmx512m (a
# reader that allocates beyond its limits ends in an OutOfMemoryError finding) and -timeout=30 s
# per input (a hang is a finding). Logs, crash-* inputs and a summary go to OUT_DIR.
set -uo pipefail
b=$(cd "$1" && pwd); out=$(mkdir -p "$2" && cd "$2" && pwd); secs=${3:-420}; runs=${4:-1000000}
shift $(( $# < 4 ? $# : 4 ))
specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=(micrograph labelImage emsa rpl arrow via)
if java -version 2>&1 | grep -q 'version "\(1[7-9]\|2[0-9]\)'; then J=java; else
  tar xzf "$b/jre.tgz" -C "$b"; J="$b/jre/bin/java"; fi
"$J" -version 2>&1 | head -1
cp="$b/classes/core-test:$b/classes/core:$b/classes/seg-test:$b/classes/seg"
for j in "$b"/lib/*.jar; do cp="$cp:$j"; done
names=()
for s in "${specs[@]}"; do
  p=${s%%:*}; jobs=1; [ "$p" != "$s" ] && jobs=${s#*:}
  names+=("$p")
  cls=io.alloyflow.core.fuzz.ParserFuzzTest
  [ "$p" = via ] && cls=io.alloyflow.segmentation.fuzz.ViaFuzzTest
  mkdir -p "$out/corpus-$p"
  for k in $(seq 1 "$jobs"); do
    mkdir -p "$out/work-$p-$k"
    ( cd "$out/work-$p-$k" && "$J" -Xmx512m -Xss4m --add-opens=java.base/java.nio=ALL-UNNAMED \
        -Djazzer.hooks=true -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class=$cls \
        --target_method=$p --hooks=true -seed=$((1000 * k + 7)) -runs=$((runs / jobs)) \
        -max_total_time=$secs -timeout=30 -rss_limit_mb=0 -print_final_stats=1 \
        "$out/corpus-$p" > "$out/$p-$k.log" 2>&1
      echo "$p-$k exit $?" >> "$out/exits.txt" ) &
  done
done
wait
for p in "${names[@]}"; do
  total=0
  for f in "$out/$p"-*.log; do
    n=$(grep -a 'stat::number_of_executed_units' "$f" | tail -1 | awk '{print $2}')
    r=$(grep -a 'stat::average_exec_per_sec' "$f" | tail -1 | awk '{print $2}')
    echo "$(basename "$f" .log): ${n:-?} executions, ${r:-?} exec/s"
    total=$((total + ${n:-0}))
  done
  echo "$p: $total executions in total" | tee -a "$out/summary.txt"
  ls "$out"/work-"$p"-* | grep -i crash | head -3
done
cat "$out/exits.txt"
