#!/usr/bin/env python3
"""Synthetic EDS spectrum image for the PCA benchmark: a simple Poisson model of four phases.

Each phase spectrum is a Kramers continuum (absorbed below ~1 keV) plus Gaussian lines with a
Fano-limited width (FWHM^2 = 130^2 + 2.5 (E - 5899) eV^2); the phase map has a matrix, discs and a
band, with smooth mixing at boundaries. Counts are Poisson draws around ~300 counts per pixel.
Writes Lispix RPL/RAW (uint16, little-endian, record-by vector) readable by alloyflow and HyperSpy.

usage: make_si.py OUT_PREFIX WIDTH HEIGHT CHANNELS [COUNTS_PER_PIXEL] [SEED]
"""
import sys
import numpy as np

prefix, w, h, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
cpp = float(sys.argv[5]) if len(sys.argv) > 5 else 300.0
seed = int(sys.argv[6]) if len(sys.argv) > 6 else 1
gain, beam = 10.0, 20000.0
e = np.arange(c) * gain + gain / 2

def fwhm(en):
    return np.sqrt(130.0 ** 2 + 2.5 * (en - 5899.0))

def lines(spec):
    out = np.zeros(c)
    for energy, area in spec:
        s = fwhm(energy) / 2.3548
        out += area * gain / (s * np.sqrt(2 * np.pi)) * np.exp(-0.5 * ((e - energy) / s) ** 2)
    return out

cont = np.where(e < beam, (beam - e) / np.maximum(e, 50) * np.exp(-(700.0 / np.maximum(e, 50)) ** 3), 0)
phases = [
    lines([(6404, 60), (7058, 8), (5415, 20), (5947, 3), (5899, 4), (6490, 0.6)]),  # Fe-Cr-Mn steel
    lines([(7478, 50), (8265, 7), (6404, 15), (7058, 2), (5415, 5)]),               # Ni-rich
    lines([(1740, 40), (525, 30), (5899, 15), (6490, 2), (1487, 6)]),               # Si-Mn oxide
    lines([(2307, 30), (5899, 25), (6490, 3), (1254, 5)]),                           # MnS
]
spectra = []
for p in phases:
    s = p + 0.4 * cont / cont.sum() * 100
    spectra.append(s / s.sum())
spectra = np.array(spectra)

yy, xx = np.mgrid[0:h, 0:w].astype(float)
ab = np.zeros((4, h, w))
disc1 = 1 / (1 + np.exp(((xx - 0.3 * w) ** 2 + (yy - 0.35 * h) ** 2) ** 0.5 - 0.18 * w))
disc2 = 1 / (1 + np.exp(((xx - 0.72 * w) ** 2 + (yy - 0.7 * h) ** 2) ** 0.5 - 0.08 * w))
band = 1 / (1 + np.exp(np.abs(xx + 0.6 * yy - 0.9 * w) - 0.04 * w))
ab[1] = disc1
ab[3] = disc2 * (1 - disc1)
ab[2] = band * (1 - disc1) * (1 - disc2)
ab[0] = np.clip(1 - ab[1] - ab[2] - ab[3], 0, 1)
lam = np.einsum('kyx,kc->yxc', ab, spectra).astype(np.float64) * cpp
rng = np.random.default_rng(seed)
data = rng.poisson(lam).astype('<u2')
data.tofile(prefix + '.raw')
with open(prefix + '.rpl', 'w') as f:
    f.write(f"""key\tvalue
width\t{w}
height\t{h}
depth\t{c}
offset\t0
data-length\t2
data-type\tunsigned
byte-order\tlittle-endian
record-by\tvector
ev-per-chan\t{gain}
depth-offset\t{gain / 2}
beam-energy\t20
live-time-per-pixel\t0.01
""")
print(f"wrote {prefix}.rpl/.raw: {w}x{h}x{c}, mean {data.sum() / (w * h):.1f} counts/pixel")
