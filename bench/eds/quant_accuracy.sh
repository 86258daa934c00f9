#!/usr/bin/env bash
# Quantification accuracy tables of issue 5, in one run:
#   - NIST K412 (20 kV, five spectra): k-ratios vs DTSA-II, mass fractions vs certified (default
#     options = PAP + continuum fluorescence; also the ZA form, O measured, Reed fluorescence),
#     1- and 2-sigma coverage;
#   - nist-k411 exercise (15 kV, pure-element and MgO/CaF2 standards), with and without continuum
#     fluorescence;
#   - synthetic metallic systems (simulator with PAP and with PDH absorption) quantified by PAP
#     (the default) and by XPP;
#   - PAP vs XPP: NIST K412 with both, f(chi) of Si K in Si and Al-12.6Si, Al Ka in Fe-24.1Al
#     against measured k-ratios, and the single-scattering Monte Carlo for Si Ka in Al-Si
#     (EDS_MC_ELECTRONS electrons per run, default 200000; about 2 min).
# Needs ../shared/data/eds (NIST spectra) and a prior `mvn -o -q -B -pl synthetic install -DskipTests`.
# Output: bench/eds/quant-accuracy.txt (the tests' printed tables, from the surefire reports)
set -euo pipefail
cd "$(dirname "$0")/../.."
classes=(CertifiedGlassQuantTest NistStandardsExerciseTest SyntheticWorldQuantTest PapTest
  XppPapComparisonTest)
mvn -o -q -B -pl services/eds test -Dtest="$(IFS=,; echo "${classes[*]}")" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dalloyflow.mc.electrons="${EDS_MC_ELECTRONS:-200000}" \
  > /tmp/eds-quant-accuracy.log 2>&1 \
  || { tail -40 /tmp/eds-quant-accuracy.log; exit 1; }
python3 - "${classes[@]}" > bench/eds/quant-accuracy.txt <<'PY'
import re, sys
for c in sys.argv[1:]:
    xml = open(f"services/eds/target/surefire-reports/TEST-io.alloyflow.eds.quant.{c}.xml").read()
    pat = r"<system-out><!\[CDATA\[(.*?)\]\]></system-out>"
    out = [m.strip() for m in re.findall(pat, xml, re.S)]
    print(f"== {c}\n" + ("\n\n".join(o for o in out if o) or "(no output)") + "\n")
PY
cat bench/eds/quant-accuracy.txt
