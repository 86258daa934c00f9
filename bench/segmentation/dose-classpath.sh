# Sourced by the dose-curve scripts: compiles services/segmentation with the modules it needs
# from this checkout (-am: core and synthetic from source, never from ~/.m2) and sets CP to a
# snapshot of their classes and of the dependency jars under $WORK, so that a concurrent build
# cannot change the classes under a running bench. Needs WORK set; run from the repository root.
./mvnw -o -q -B -pl services/segmentation -am test-compile -Dmaven.test.skip=false \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
rm -rf "$WORK/classes"
mkdir -p "$WORK/classes"
for m in core nn activity-support synthetic services/segmentation; do
  mkdir -p "$WORK/classes/$m"
  cp -r "$m/target/classes" "$WORK/classes/$m/main"
done
cp -r services/segmentation/target/test-classes "$WORK/classes/services/segmentation/test"
DEPS=""
for j in $(tr ':' ' ' < "$WORK/cp.txt"); do
  case "$j" in
    */target/classes|*/target/test-classes|*/io/alloyflow/*) ;;
    *) DEPS="$DEPS:$j" ;;
  esac
done
CP="$WORK/classes/services/segmentation/main:$WORK/classes/services/segmentation/test"
CP="$CP:$WORK/classes/core/main:$WORK/classes/nn/main:$WORK/classes/activity-support/main"
CP="$CP:$WORK/classes/synthetic/main$DEPS"
