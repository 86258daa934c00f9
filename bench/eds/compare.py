#!/usr/bin/env python3
"""Side-by-side table of the Java (alloyflow) and HyperSpy benchmark JSON documents."""
import json
import sys

j = json.load(open(sys.argv[1]))
h = json.load(open(sys.argv[2]))
ref = h.get("fullSingularValues") or h["randomizedSingularValues"]
ours = j["singularValues"]
lead = int(sys.argv[3]) if len(sys.argv) > 3 else 8
print(f"cube {j['cube']}  (HyperSpy {h['hyperspy']}, numpy {h['numpy']})")
print(f"{'':28s}{'alloyflow':>12s}{'HyperSpy':>12s}{'ratio':>8s}")
if "fullSeconds" in h:
    print(f"{'PCA s, leading 32 vs full':28s}{j['pcaWarmSeconds']:12.2f}{h['fullSeconds']:12.2f}"
          f"{h['fullSeconds'] / j['pcaWarmSeconds']:8.1f}x")
    if "pcaAllSingularValuesSeconds" in j:
        print(f"{'PCA s, all sing. values':28s}{j['pcaAllSingularValuesSeconds']:12.2f}"
              f"{h['fullSeconds']:12.2f}{h['fullSeconds'] / j['pcaAllSingularValuesSeconds']:8.1f}x")
print(f"{'PCA s, output_dimension=32':28s}{j['pcaWarmSeconds']:12.2f}{h['randomizedSeconds']:12.2f}"
      f"{h['randomizedSeconds'] / j['pcaWarmSeconds']:8.1f}x")
print(f"{'PCA s cold (incl. libtorch)':28s}{j['pcaColdSeconds']:12.2f}")
print(f"components suggested (noise edge): {j['pcaSuggested']}")
worst = 0.0
print("leading singular values (Poisson-scaled):")
for i in range(min(lead, len(ours), len(ref))):
    rel = abs(ours[i] - ref[i]) / ref[i]
    worst = max(worst, rel)
    print(f"  {i:2d} {ours[i]:14.6f} {ref[i]:14.6f}  rel.diff {rel:.2e}")
print(f"max relative difference over the leading {lead}: {worst:.2e} "
      f"({'< 1e-3 OK' if worst < 1e-3 else 'EXCEEDS 1e-3'})")
sig = j["pcaSuggested"]
ws = max(abs(ours[i] - ref[i]) / ref[i] for i in range(sig))
print(f"max relative difference over the {sig} components above the noise edge: {ws:.2e} "
      f"({'< 1e-3 OK' if ws < 1e-3 else 'EXCEEDS 1e-3'})")
if "allSingularValues" in j:
    al = j["allSingularValues"]
    wa = max(abs(al[i] - ref[i]) / ref[i] for i in range(min(lead, len(al), len(ref))))
    print(f"all singular values (Gram + Householder/QL) vs HyperSpy full SVD, leading {lead}: "
          f"max rel. diff {wa:.2e} ({'< 1e-3 OK' if wa < 1e-3 else 'EXCEEDS 1e-3'})")
if "fullSingularValues" in h:
    rnd = h["randomizedSingularValues"]
    wr = max(abs(rnd[i] - ref[i]) / ref[i] for i in range(min(lead, len(rnd))))
    print(f"(HyperSpy with output_dimension=32 vs its full SVD: max rel. diff {wr:.2e}; without"
          " scikit-learn HyperSpy 1.7.3 falls back to the full SVD)")
if "quantMedianMs" in j:
    print(f"single-spectrum quantification after warm-up: median {j['quantMedianMs']:.2f} ms, "
          f"p90 {j['quantP90Ms']:.2f} ms (target < 50 ms)")
    print(f"batch quantification: {j['batchSpectraPerSecond']:.1f} spectra/s "
          f"({j['batchSpectra']} particle-like spectra, 2e5 counts each)")
