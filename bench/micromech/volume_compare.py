#!/usr/bin/env python3
"""Paired bootstrap of the held-out comparison in a volume model's predictions.csv.

usage: bench/micromech/volume_compare.py models/volume-hotspot-316l-cnn3d/predictions.csv [B]

For every model column: R2 and MAE on the held-out volumes; for the CNN ensemble against each
feature model: the paired bootstrap (B resamples of the held-out volumes, seed 1) of the
differences in R2 and MAE, with the share of resamples in which the CNN is better (Efron and
Tibshirani, An Introduction to the Bootstrap, 1993, ch. 16). Also the Spearman correlation of the
ensemble's spread (cnn_ensemble_sd) with its absolute error.
"""
import csv
import sys

import numpy as np


def r2(y, p):
    return 1 - np.sum((y - p) ** 2) / np.sum((y - y.mean()) ** 2)


def mae(y, p):
    return np.mean(np.abs(y - p))


def main():
    path = sys.argv[1]
    b = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    with open(path) as f:
        rows = list(csv.DictReader(f))
    cols = {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}
    y = cols["label"]
    models = [k for k in cols if k not in ("index", "label", "cnn_ensemble_sd")]
    print(f"{len(y)} held-out volumes")
    for m in models:
        print(f"  {m:18s} R2 {r2(y, cols[m]):.4f}  MAE {mae(y, cols[m]):.5f}")
    rng = np.random.default_rng(1)
    idx = rng.integers(0, len(y), size=(b, len(y)))
    cnn = cols["cnn_ensemble_tta"]
    for m in ("xgboost", "ridge"):
        d_r2 = np.array([r2(y[i], cnn[i]) - r2(y[i], cols[m][i]) for i in idx])
        d_mae = np.array([mae(y[i], cols[m][i]) - mae(y[i], cnn[i]) for i in idx])
        print(f"ensemble vs {m}: R2 gain {d_r2.mean():+.4f} (95% {np.percentile(d_r2, 2.5):+.4f}"
              f" .. {np.percentile(d_r2, 97.5):+.4f}, better in {np.mean(d_r2 > 0):.1%}), MAE gain"
              f" {d_mae.mean():+.5f} (95% {np.percentile(d_mae, 2.5):+.5f} .. "
              f"{np.percentile(d_mae, 97.5):+.5f}, better in {np.mean(d_mae > 0):.1%})")
    if "cnn_ensemble_sd" in cols:
        err = np.abs(y - cnn)
        sd = cols["cnn_ensemble_sd"]
        rank = lambda a: np.argsort(np.argsort(a))
        rho = np.corrcoef(rank(sd), rank(err))[0, 1]
        print(f"ensemble sd: mean {sd.mean():.5f}; Spearman(sd, |error|) {rho:.3f}")


if __name__ == "__main__":
    main()
