"""Synthetic 2048x2048 8-bit test images of touching/overlapping particles for the speed bench.

Same images for both implementations: written as PNG, read by both. Usage:
  python3 make_images.py OUTDIR N SEED
"""
import sys
import numpy as np
from PIL import Image

out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
size = 2048
rng = np.random.default_rng(seed)
yy, xx = np.mgrid[:size, :size]
for k in range(n):
    fg = np.zeros((size, size), bool)
    # clusters of 2-4 touching disks, radius 10-30 px
    for _ in range(260):
        cx, cy = rng.uniform(40, size - 40, 2)
        for _ in range(rng.integers(1, 5)):
            r = rng.uniform(10, 30)
            x0, x1 = int(max(0, cx - r - 1)), int(min(size, cx + r + 2))
            y0, y1 = int(max(0, cy - r - 1)), int(min(size, cy + r + 2))
            sub = (xx[y0:y1, x0:x1] - cx) ** 2 + (yy[y0:y1, x0:x1] - cy) ** 2 <= r * r
            fg[y0:y1, x0:x1] |= sub
            a = rng.uniform(0, 2 * np.pi)
            cx, cy = cx + 1.5 * r * np.cos(a), cy + 1.5 * r * np.sin(a)
    img = np.where(fg, 170.0, 70.0) + rng.normal(0, 12, (size, size))
    img = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    Image.fromarray(img).save(f"{out}/bench{k:02d}.png")
    print(f"{out}/bench{k:02d}.png foreground={fg.mean():.3f}")
