# Sourced by the dose-curve scripts: compiles services/segmentation with the modules it needs
# from this checkout (-am: core, synthetic, nn, ... from source, never from ~/.m2) and sets CP to a
# snapshot of their classes and of the dependency jars under $WORK, so that a concurrent build
# cannot change the classes under a running bench. Needs WORK set; run from the repository root.
./mvnw -o -q -B -pl services/segmentation -am test-compile -Dmaven.test.skip=false \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
rm -rf "$WORK/classes"
mkdir -p "$WORK/classes/services/segmentation"
cp -r services/segmentation/target/classes "$WORK/classes/services/segmentation/main"
cp -r services/segmentation/target/test-classes "$WORK/classes/services/segmentation/test"
CP="$WORK/classes/services/segmentation/main:$WORK/classes/services/segmentation/test"
# every other module of this checkout that the classpath names (core, synthetic, nn, ...):
# snapshot its classes; the dependency jars stay where they are
for j in $(tr ':' ' ' < "$WORK/cp.txt"); do
  case "$j" in
    "$PWD"/*/target/classes)
      m=${j#"$PWD"/}; m=${m%/target/classes}
      mkdir -p "$WORK/classes/$m"
      cp -r "$j" "$WORK/classes/$m/main"
      CP="$CP:$WORK/classes/$m/main" ;;
    */target/classes|*/target/test-classes|*/io/alloyflow/*) ;;
    *) CP="$CP:$j" ;;
  esac
done
