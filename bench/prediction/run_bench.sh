#!/usr/bin/env bash
# Prediction bench, one run: grouped 5-fold CV of the deep MLP ensemble against the Tribuo
# baselines (XGBoost, random forest, linear) and scikit-learn's RandomForestRegressor on the same
# folds and features (MPEA dev table, HV rows), interval coverage, then batch prediction with
# exact SHAP on N random candidates (input-level players, then feature-level players on N/10), and
# the engine against a pure-Java forward pass on the same rows.
# Usage: bench/prediction/run_bench.sh [N_CANDIDATES=10000] [DATA=../shared/data/properties/mpea_dataset_dev.csv]
# SKIP_TRAIN=1 reuses $WORK/model and $WORK/cv.csv from an earlier run.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
DATA=${2:-../shared/data/properties/mpea_dataset_dev.csv}
WORK=${BENCH_WORK:-/tmp/alloyflow-prediction-bench}
PY=/usr/bin/python3
mkdir -p "$WORK"
[ -f "$DATA" ] || { echo "no MPEA table at $DATA (see ../shared/data/README.md)"; exit 2; }
./mvnw -o -q -B -pl services/prediction -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
rm -rf "$WORK/classes" "$WORK/test-classes" && cp -r services/prediction/target/classes "$WORK/classes" \
  && cp -r services/prediction/target/test-classes "$WORK/test-classes"
CP="$WORK/classes:$WORK/test-classes:$(cat "$WORK/cp.txt")"
export OMP_WAIT_POLICY=PASSIVE DJL_CACHE_DIR="${DJL_CACHE_DIR:-$WORK/djl}"
JAVA="java -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED -Dai.djl.offline=true -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
if [ -z "${SKIP_TRAIN:-}" ]; then
  echo "== train + grouped CV (alloyflow, $(nproc) cores)"
  /usr/bin/time -f "train wall %e s" $JAVA -cp "$CP" io.alloyflow.prediction.cli.PredictionCli train hardness \
    --data "$DATA" --out "$WORK/model" --cv-out "$WORK/cv.csv"
fi
echo "== side by side on the same folds and features"
$PY bench/prediction/sklearn_rf.py "$WORK/cv.csv"
echo "== batch prediction with exact SHAP"
$JAVA -cp "$CP" io.alloyflow.prediction.bench.ShapBatchBenchmark "$WORK/model" "$N" inputs
$JAVA -cp "$CP" io.alloyflow.prediction.bench.ShapBatchBenchmark "$WORK/model" "$((N / 10))" features
echo "== forward pass: libtorch against pure Java"
$JAVA -cp "$CP" io.alloyflow.prediction.bench.ForwardBenchmark "$WORK/model" 200000 3
