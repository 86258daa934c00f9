#!/usr/bin/env python3
"""HyperSpy 1.7.3 anchor: Poisson-normalised SVD decomposition of the benchmark cube.

Times s.decomposition(normalize_poissonian_noise=True) with HyperSpy's default solver (full
SVD: every singular value, as for a full scree plot) and with output_dimension=K (which makes
HyperSpy choose sklearn's randomized SVD). Prints JSON with timings and singular values
(sqrt(explained_variance * N), N = number of pixels).

usage: hyperspy_pca.py SI.raw WIDTH HEIGHT CHANNELS K [skip-full]
"""
import json
import sys
import time
import numpy as np
import hyperspy
import hyperspy.api as hs

raw, w, h, c, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
skip_full = len(sys.argv) > 6 and sys.argv[6] == 'skip-full'
data = np.fromfile(raw, dtype='<u2').reshape(h, w, c)
out = {"hyperspy": hyperspy.__version__, "numpy": np.__version__, "cube": f"{w}x{h}x{c}"}
n = w * h

# Channels that hold no count at all (below the detector's low-energy cut-off, above the beam
# energy) make HyperSpy 1.7.3's Poisson normalisation divide 0 by 0 and its SVD fail ("SVD did not
# converge"); they are excluded with HyperSpy's own signal_mask. All-zero columns do not change the
# singular values, so the comparison with alloyflow (which scales them to zero) is exact.
empty = data.reshape(-1, c).sum(axis=0) == 0
out["maskedEmptyChannels"] = int(empty.sum())

def run(**kw):
    s = hs.signals.Signal1D(data.astype(np.float64))
    t = time.perf_counter()
    s.decomposition(normalize_poissonian_noise=True, algorithm="SVD", print_info=False,
                    signal_mask=empty if empty.any() else None, **kw)
    dt = time.perf_counter() - t
    sv = np.sqrt(np.asarray(s.learning_results.explained_variance) * n)
    return dt, sv

dt, sv = run(output_dimension=k)
out["randomizedSeconds"] = dt
out["randomizedSingularValues"] = sv[:k].tolist()
if not skip_full:
    dt, sv = run()
    out["fullSeconds"] = dt
    out["fullSingularValues"] = sv[:64].tolist()
print(json.dumps(out, indent=1))
