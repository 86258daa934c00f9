# Sourced by bench scripts: compiles services/segmentation (main + test) and sets CP to a
# snapshot of its classes and of the project jars under $WORK, so that a concurrent build of the
# module or an `mvn install` of another module cannot change the classes under a running bench.
# Needs WORK set and the repository root as the current directory.
mvn -o -q -B -pl services/segmentation test-compile
mvn -o -q -B -pl services/segmentation dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
mkdir -p "$WORK/lib"
DEPS=""
for j in $(tr ':' ' ' < "$WORK/cp.txt"); do
  case "$j" in
    */io/alloyflow/*) cp "$j" "$WORK/lib/"; DEPS="$DEPS:$WORK/lib/$(basename "$j")" ;;
    *) DEPS="$DEPS:$j" ;;
  esac
done
rm -rf "$WORK/classes" "$WORK/test-classes"
cp -r services/segmentation/target/classes "$WORK/classes"
cp -r services/segmentation/target/test-classes "$WORK/test-classes"
CP="$WORK/classes:$WORK/test-classes$DEPS"
