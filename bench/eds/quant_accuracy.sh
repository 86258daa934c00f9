#!/usr/bin/env bash
# Quantification accuracy tables of issue 5, in one run:
#   - NIST K412 (20 kV, five spectra): k-ratios vs DTSA-II, mass fractions vs certified (default
#     options = XPP + continuum fluorescence; also the ZA form, O measured, Reed fluorescence),
#     1- and 2-sigma coverage;
#   - nist-k411 exercise (15 kV, pure-element and MgO/CaF2 standards), with and without continuum
#     fluorescence;
#   - synthetic metallic systems (simulator with PAP and with PDH absorption) quantified by XPP.
# Needs ../shared/data/eds (NIST spectra) and a prior `mvn -o -q -B -pl synthetic install -DskipTests`.
# Output: bench/eds/quant-accuracy.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -q -B -pl services/eds test \
  -Dtest='CertifiedGlassQuantTest,NistStandardsExerciseTest,SyntheticWorldQuantTest,ContinuumFluorescenceTest' \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | tee bench/eds/quant-accuracy.txt
