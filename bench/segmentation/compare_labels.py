"""Label agreement between two instance-label folders (same file names).

Reports per image: foreground IoU, the fraction of reference instances whose best-matching
instance has IoU >= 0.99 / 0.5, the mean best-match IoU over reference instances, and the
pixel-level agreement after one-to-one matching (pixels whose labels correspond).
Usage: python3 compare_labels.py REF_DIR OTHER_DIR
"""
import glob, json, os, sys
import numpy as np
from PIL import Image

ref_dir, oth_dir = sys.argv[1], sys.argv[2]
for f in sorted(glob.glob(os.path.join(ref_dir, "*.png"))):
    a = np.array(Image.open(f)).astype(np.int64)
    b = np.array(Image.open(os.path.join(oth_dir, os.path.basename(f)))).astype(np.int64)
    fa, fb = a > 0, b > 0
    fg_iou = (fa & fb).sum() / max(1, (fa | fb).sum())
    both = fa & fb
    pairs, inter = np.unique(np.stack([a[both], b[both]]), axis=1, return_counts=True)
    area_a = np.bincount(a.ravel())
    area_b = np.bincount(b.ravel())
    iou = inter / (area_a[pairs[0]] + area_b[pairs[1]] - inter)
    best = np.zeros(area_a.size)
    np.maximum.at(best, pairs[0], iou)
    ids = np.nonzero(area_a[1:])[0] + 1
    matched = (iou > 0.5)
    agree_px = inter[matched].sum()
    print(json.dumps({
        "image": os.path.basename(f),
        "instances_ref": int(ids.size), "instances_other": int(np.count_nonzero(area_b[1:])),
        "foreground_iou": round(float(fg_iou), 6),
        "mean_instance_iou": round(float(best[ids].mean()), 6),
        "frac_instances_iou_ge_0.99": round(float((best[ids] >= 0.99).mean()), 6),
        "frac_instances_iou_ge_0.5": round(float((best[ids] >= 0.5).mean()), 6),
        "label_agreement_iou": round(float(agree_px / max(1, (fa | fb).sum())), 6),
        "identical_pixels": round(float((a == b).mean()), 6)}))
