#!/usr/bin/env bash
# Packs what run_standalone.sh needs into bench/fuzz/out/device/ (jars of core's test classpath,
# compiled classes and seeds of core and segmentation, and a jlinked Java 17 runtime in case the
# target machine has none), so fuzzing can run on another machine without Maven or ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -B -q -pl services/segmentation -am test-compile
./mvnw -o -B -q -pl core dependency:build-classpath -Dmdep.outputFile=bench/fuzz/out/cp.txt \
  -Dmdep.includeScope=test
d=bench/fuzz/out/device
rm -rf "$d" && mkdir -p "$d/lib" "$d/classes"
for j in $(tr ':' '\n' < bench/fuzz/out/cp.txt | grep -v archunit); do cp "$j" "$d/lib/"; done
cp -r core/target/classes "$d/classes/core"
cp -r core/target/test-classes "$d/classes/core-test"
cp -r services/segmentation/target/classes "$d/classes/seg"
cp -r services/segmentation/target/test-classes "$d/classes/seg-test"
jlink --add-modules java.base,java.desktop,java.instrument,java.management,java.logging,jdk.unsupported,jdk.attach,java.naming,java.sql,jdk.management,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$d/jre"
tar czf "$d/jre.tgz" -C "$d" jre && rm -rf "$d/jre"
du -sh "$d"
