#!/usr/bin/env bash
# The U-Net row of the fused classification table (issue 12): a U-Net on stacked channels
# (standardised BSE; fused: + EDS element fractions resampled through the registration, their
# BSE-guided version and the total counts) trained on seeds 1..TRAIN, early stopping on
# validation seed 101, scored on held-out seeds 2001.. exactly as run_classification.sh scores
# the pixel classifiers; plus late fusion (BSE U-Net x EDS-only XGBoost). Usage:
#   bench/fusion/run_unet.sh [TRAIN=6] [TEST=3] [BSE_DOSE=12483] [DWELL_S=0.02]
# Environment: INPUTS=FUSED,BSE; BASE=8 DEPTH=4 CROP=128 BATCH=8 EPOCHS=60 STEPS=25 LR=0.003
# MAX_SECONDS=1200 (per model) PATIENCE=12 WEIGHT_POWER=0.5 LATE=true; SAVE=DIR writes the trained models
# to DIR/fused and DIR/bse. Runs at nice 10 with OMP_WAIT_POLICY=PASSIVE (shared machine).
# Output: bench/fusion/unet-dose<DOSE>.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
TRAIN="${1:-6}"; TEST="${2:-3}"; DOSE="${3:-12483}"; DWELL="${4:-0.02}"
export OMP_WAIT_POLICY=PASSIVE
SAVE_ABS=""; if [ -n "${SAVE:-}" ]; then mkdir -p "$SAVE"; SAVE_ABS="$(cd "$SAVE" && pwd)"; fi
nice -n 10 ./mvnw -o -B -q -pl services/fusion -am verify -Pbench -Dtest=FusionUNetBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.fusion.train="$TRAIN" \
  -Dalloyflow.fusion.test="$TEST" -Dalloyflow.fusion.semDose="$DOSE" \
  -Dalloyflow.fusion.dwell="$DWELL" -Dalloyflow.fusion.unet.inputs="${INPUTS:-FUSED,BSE}" \
  -Dalloyflow.fusion.unet.base="${BASE:-8}" -Dalloyflow.fusion.unet.depth="${DEPTH:-4}" \
  -Dalloyflow.fusion.unet.crop="${CROP:-128}" -Dalloyflow.fusion.unet.batch="${BATCH:-8}" \
  -Dalloyflow.fusion.unet.epochs="${EPOCHS:-60}" -Dalloyflow.fusion.unet.steps="${STEPS:-25}" \
  -Dalloyflow.fusion.unet.lr="${LR:-0.003}" -Dalloyflow.fusion.unet.maxSeconds="${MAX_SECONDS:-1200}" \
  -Dalloyflow.fusion.unet.patience="${PATIENCE:-12}" \
  -Dalloyflow.fusion.unet.weightPower="${WEIGHT_POWER:-0.5}" \
  -Dalloyflow.fusion.unet.late="${LATE:-true}" -Dalloyflow.fusion.unet.save="$SAVE_ABS" > /tmp/fusion-unet-bench.log 2>&1 \
  || { tail -40 /tmp/fusion-unet-bench.log; exit 1; }
python3 - > "bench/fusion/unet-dose$DOSE.txt" <<'PY'
import re
x = open("services/fusion/target/surefire-reports/"
         "TEST-io.alloyflow.fusion.classify.FusionUNetBenchmark.xml").read()
for o in re.findall(r"<system-out><!\[CDATA\[(.*?)\]\]>", x, re.S):
    print("\n".join(l for l in o.splitlines() if "INFO" not in l and "DEBUG" not in l and "SLF4J" not in l and not l.startswith(("[W", "Dec ", "Jan ", "Feb ", "Mar ", "Apr ", "May ", "Jun ", "Jul ", "Aug ", "Sep ", "Oct ", "Nov "))))
PY
cat "bench/fusion/unet-dose$DOSE.txt"
