#!/usr/bin/env bash
# Fuzzes every parser in parallel with Jazzer's standalone driver (same @FuzzTest methods as
# run_fuzz.sh, without Maven), from a bundle made by make_bundle.sh.
#
#   bench/fuzz/run_standalone.sh BUNDLE_DIR OUT_DIR [seconds per parser] [runs per parser]
#
# Each parser runs in its own JVM (-Xmx512m, so a reader that allocates beyond its limits ends in
# an OutOfMemoryError finding), -timeout=30 s per input (a hang is a finding). Logs and any
# crash-* inputs go to OUT_DIR; the summary line per parser is libFuzzer's "Done N runs in S s".
set -uo pipefail
b=$(cd "$1" && pwd); out=$(mkdir -p "$2" && cd "$2" && pwd); secs=${3:-420}; runs=${4:-1000000}
if java -version 2>&1 | grep -q 'version "\(1[7-9]\|2[0-9]\)'; then J=java; else
  tar xzf "$b/jre.tgz" -C "$b"; J="$b/jre/bin/java"; fi
"$J" -version 2>&1 | head -1
cp="$b/classes/core-test:$b/classes/core:$b/classes/seg-test:$b/classes/seg"
for j in "$b"/lib/*.jar; do cp="$cp:$j"; done
for p in micrograph labelImage emsa rpl arrow via; do
  cls=io.alloyflow.core.fuzz.ParserFuzzTest
  [ "$p" = via ] && cls=io.alloyflow.segmentation.fuzz.ViaFuzzTest
  mkdir -p "$out/work-$p" "$out/corpus-$p"
  ( cd "$out/work-$p" && "$J" -Xmx512m -Xss4m --add-opens=java.base/java.nio=ALL-UNNAMED \
      -Djazzer.hooks=true -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class=$cls \
      --target_method=$p --hooks=true -runs=$runs -max_total_time=$secs -timeout=30 \
      -rss_limit_mb=0 -print_final_stats=1 "$out/corpus-$p" > "$out/$p.log" 2>&1
    echo "$p exit $?" >> "$out/exits.txt" ) &
done
wait
for p in micrograph labelImage emsa rpl arrow via; do
  echo "$p: $(grep -a 'Done [0-9]* runs' "$out/$p.log" | tail -1) $(grep -a 'stat::number_of_executed_units' "$out/$p.log" | tail -1)"
  ls "$out/work-$p" | grep -i crash | head -3
done
cat "$out/exits.txt"
