"""HyperSpy 1.7.3 side of bench/eds/bcf_read.sh: read every .bcf of a folder with HyperSpy's
Bruker reader (one warm-up read, best of REPEATS), one JSON line per file, then the process'
peak resident memory. Usage: bcf_read.py DIR [REPEATS]"""
import json
import os
import resource
import sys
import time

import hyperspy.api as hs

d = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
for name in sorted(f for f in os.listdir(d) if f.endswith(".bcf")):
    path = os.path.join(d, name)
    try:
        hs.load(path)
    except Exception as e:  # Nope.bcf
        print(json.dumps({"file": name, "error": str(e).splitlines()[0]}))
        continue
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        sig = hs.load(path)
        best = min(best, time.perf_counter() - t0)
    cube = [s for s in (sig if isinstance(sig, list) else [sig]) if s.data.ndim == 3][0]
    print(json.dumps({"file": name, "shape": list(cube.data.shape),
                      "totalCounts": int(cube.data.sum(dtype="int64")), "bestMs": best * 1e3}))
print(json.dumps({"peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
