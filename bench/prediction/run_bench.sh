#!/usr/bin/env bash
# Prediction bench, one run: grouped 5-fold CV of the deep MLP ensemble against the Tribuo
# baselines (XGBoost, random forest, linear) and scikit-learn's RandomForestRegressor on the same
# folds and features (MPEA dev table, HV rows), interval coverage, then batch prediction with
# exact SHAP on N random candidates.
# Usage: bench/prediction/run_bench.sh [N_CANDIDATES=1000] [DATA=../shared/data/properties/mpea_dataset_dev.csv]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000}
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
echo "== train + grouped CV (alloyflow, $(nproc) cores)"
/usr/bin/time -f "train wall %e s" $JAVA -cp "$CP" io.alloyflow.prediction.cli.PredictionCli train hardness \
  --data "$DATA" --out "$WORK/model" --cv-out "$WORK/cv.csv"
echo "== side by side on the same folds and features"
$PY bench/prediction/sklearn_rf.py "$WORK/cv.csv"
echo "== batch prediction with exact SHAP"
$JAVA -cp "$CP" io.alloyflow.prediction.bench.ShapBatchBenchmark "$WORK/model" "$N"
