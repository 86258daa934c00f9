#!/usr/bin/python3
"""scikit-learn anchor on the folds and features alloyflow used.

Reads the out-of-fold file written by `alloyflow train hardness --cv-out CSV` (formula, family,
fold, y, the feature columns of schema mpea-hardness-v1, oof_<model> columns), fits
RandomForestRegressor (Debian python3-sklearn) on the same training folds and feature columns,
and prints one side-by-side table of grouped-CV metrics for every model.
Usage: sklearn_rf.py CV_CSV [N_ESTIMATORS=500]
"""
import csv
import sys

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

path = sys.argv[1]
n_est = int(sys.argv[2]) if len(sys.argv) > 2 else 500
rows = list(csv.DictReader(open(path)))
meta = {"formula", "family", "fold", "y"}
oof_cols = [c for c in rows[0] if c.startswith("oof_")]
feat_cols = [c for c in rows[0] if c not in meta and c not in oof_cols]
X = np.array([[float(r[c]) for c in feat_cols] for r in rows])
y = np.array([float(r["y"]) for r in rows])
fold = np.array([int(r["fold"]) for r in rows])
family = np.array([r["family"] for r in rows])
groups = np.array([r["formula"] for r in rows])
for f in np.unique(fold):
    assert not set(groups[fold == f]) & set(groups[fold != f]), "an alloy is in train and test"
pred = np.zeros_like(y)
for f in np.unique(fold):
    m = RandomForestRegressor(n_estimators=n_est, random_state=0, n_jobs=2)
    m.fit(X[fold != f], y[fold != f])
    pred[fold == f] = m.predict(X[fold == f])
models = {c[4:]: np.array([float(r[c]) for r in rows]) for c in oof_cols}
models["sklearn-random-forest"] = pred
fams, counts = np.unique(family, return_counts=True)
big = fams[np.argmax(counts)]
sel = family == big


def mape(a, b):
    return 100 * np.mean(np.abs((a - b) / a))


print(f"scikit-learn {sklearn.__version__}; {len(y)} rows, {len(np.unique(groups))} alloys, "
      f"{len(np.unique(fold))} folds grouped by formula, {len(feat_cols)} feature columns; "
      f"largest family {big} ({sel.sum()} rows)")
print(f"{'model':24s} {'R2':>6s} {'MAE':>7s} {'RMSE':>7s} {'MAPE%':>6s} {'MAPE%fam':>8s}")
for name, p in models.items():
    print(f"{name:24s} {r2_score(y, p):6.3f} {mean_absolute_error(y, p):7.1f} "
          f"{mean_squared_error(y, p) ** 0.5:7.1f} {mape(y, p):6.1f} {mape(y[sel], p[sel]):8.1f}")
