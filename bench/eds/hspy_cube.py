"""HyperSpy 1.7.3 side of bench/eds/hspy_cube.sh: hs.load of the same .hspy cube (not lazy),
time, sum and peak RSS as one JSON line. Usage: hspy_cube.py FILE.hspy"""
import json
import resource
import sys
import time

import hyperspy.api as hs

t0 = time.perf_counter()
s = hs.load(sys.argv[1])
dt = time.perf_counter() - t0
print(json.dumps({"file": sys.argv[1].split("/")[-1], "shape": list(s.data.shape),
                  "readMs": dt * 1e3, "sum": float(s.data.sum(dtype="float64")),
                  "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
