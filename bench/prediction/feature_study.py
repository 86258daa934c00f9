#!/usr/bin/python3
"""Feature and model study on the folds alloyflow used (the accuracy part of issue 11).

Reads the out-of-fold file of `alloyflow train hardness --cv-out CSV` (formula, fold, y, the
schema's feature columns, oof_<model> columns) and, on exactly those grouped folds, fits
scikit-learn stand-ins for the questions "would more descriptors / other settings / a stacked
member lift grouped-CV R2 towards 0.85?". No setting is chosen on the test folds here: every
variant is reported, none is selected. Also prints the within-formula noise ceiling (R2 of a
perfect model that knows each (formula, route, phases, temperature) mean, with a degrees-of-
freedom correction).

Extra descriptors: mean metallic radius and Pauling electronegativity (element table of
alloyflow's ElementData, Guo & Liu 2011), rule-of-mixtures cohesive energy and its mismatch
(Kittel, Introduction to Solid State Physics, 8th ed., Table 3.1, kJ/mol), d-electron count,
Al fraction; and the 27 atomic fractions.
Usage: feature_study.py CV_CSV   (about 10-20 min on 2 loaded cores)
"""
import collections
import csv
import re
import sys
import warnings

import numpy as np
from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
from sklearn.metrics import mean_absolute_error, r2_score
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")
rows = list(csv.DictReader(open(sys.argv[1])))
meta = {"formula", "family", "fold", "y"}
oof = [c for c in rows[0] if c.startswith("oof_")]
feat = [c for c in rows[0] if c not in meta and c not in oof]
X = np.array([[float(r[c]) for c in feat] for r in rows])
y = np.array([float(r["y"]) for r in rows])
fold = np.array([int(r["fold"]) for r in rows])

# radius (A), Pauling chi, cohesive energy (kJ/mol), d electrons
EL = {
    "Li": (1.520, 0.98, 158, 0), "B": (0.820, 2.04, 561, 0), "C": (0.773, 2.55, 711, 0),
    "Mg": (1.602, 1.31, 145, 0), "Al": (1.432, 1.61, 327, 0), "Si": (1.153, 1.90, 446, 0),
    "Ca": (1.976, 1.00, 178, 0), "Sc": (1.641, 1.36, 376, 1), "Ti": (1.462, 1.54, 468, 2),
    "V": (1.316, 1.63, 512, 3), "Cr": (1.249, 1.66, 395, 5), "Mn": (1.350, 1.55, 282, 5),
    "Fe": (1.241, 1.83, 413, 6), "Co": (1.251, 1.88, 424, 7), "Ni": (1.246, 1.91, 428, 8),
    "Cu": (1.278, 1.90, 336, 10), "Zn": (1.394, 1.65, 130, 10), "Ga": (1.411, 1.81, 271, 10),
    "Y": (1.801, 1.22, 422, 1), "Zr": (1.603, 1.33, 603, 2), "Nb": (1.429, 1.60, 730, 4),
    "Mo": (1.363, 2.16, 658, 5), "Pd": (1.376, 2.20, 376, 10), "Ag": (1.445, 1.93, 284, 10),
    "Sn": (1.620, 1.96, 303, 10), "Nd": (1.821, 1.14, 328, 0), "Hf": (1.578, 1.30, 621, 2),
    "Ta": (1.430, 1.50, 782, 3), "W": (1.367, 2.36, 859, 4), "Re": (1.375, 1.90, 775, 5),
}


def comp(formula):
    c = {e: float(a) for e, a in re.findall(r"([A-Z][a-z]?)([0-9.]+)", formula)}
    s = sum(c.values())
    return {e: v / s for e, v in c.items()}


def extra(formula):
    c = comp(formula)
    r = sum(x * EL[e][0] for e, x in c.items())
    chi = sum(x * EL[e][1] for e, x in c.items())
    ec = sum(x * EL[e][2] for e, x in c.items())
    ecm = 100 * np.sqrt(sum(x * (1 - EL[e][2] / ec) ** 2 for e, x in c.items()))
    nd = sum(x * EL[e][3] for e, x in c.items())
    return [r, chi, ec, ecm, nd, c.get("Al", 0.0)]


XX = np.hstack([X, np.array([extra(r["formula"]) for r in rows])])
els = sorted({e for r in rows for e in comp(r["formula"])})
E = np.array([[comp(r["formula"]).get(e, 0.0) for e in els] for r in rows])


class Ens:
    """Deep-ensemble stand-in: 5 sklearn MLPs, different seeds, standardised log target."""

    def __init__(self, **kw):
        self.kw = kw

    def fit(self, X, t):
        self.mu, self.sd = t.mean(), t.std()
        self.ms = [MLPRegressor(random_state=i, max_iter=1500, learning_rate_init=3e-3, **self.kw)
                   .fit(X, (t - self.mu) / self.sd) for i in range(5)]
        return self

    def predict(self, X):
        return self.mu + self.sd * np.mean([m.predict(X) for m in self.ms], 0)


def cv(name, make, X, logy=True):
    p = np.zeros_like(y)
    for f in np.unique(fold):
        tr, te = fold != f, fold == f
        sc = StandardScaler().fit(X[tr])
        t = np.log(y[tr]) if logy else y[tr]
        q = make().fit(sc.transform(X[tr]), t).predict(sc.transform(X[te]))
        p[te] = np.exp(q) if logy else q
    print(f"{name:58s} R2 {r2_score(y, p):.3f}  MAE {mean_absolute_error(y, p):6.1f}", flush=True)
    return p


key = collections.defaultdict(list)
for i, r in enumerate(rows):
    key[tuple(r[c] for c in ["formula"] + feat[8:])].append(i)
ssw = sum(((y[v] - y[v].mean()) ** 2).sum() for v in key.values())
sst = ((y - y.mean()) ** 2).sum()
print(f"{len(y)} rows; identical-input groups {len(key)}; noise ceiling R2 "
      f"{1 - ssw / sst * len(y) / (len(y) - len(key)):.3f} (perfect model of the group means)")
mlp = cv("MLP ensemble 64-64, schema features (alpha 1e-3)", lambda: Ens(hidden_layer_sizes=(64, 64), alpha=1e-3), X)
cv("MLP ensemble 64-64, alpha 1e-1", lambda: Ens(hidden_layer_sizes=(64, 64), alpha=1e-1), X)
cv("MLP ensemble 128 (one hidden layer), alpha 1e-1", lambda: Ens(hidden_layer_sizes=(128,), alpha=1e-1), X)
cv("MLP ensemble 64-64 + radius, chi, Ecoh, dEcoh, d-electrons, x_Al", lambda: Ens(hidden_layer_sizes=(64, 64), alpha=1e-3), XX)
cv("MLP ensemble 64-64 + 27 atomic fractions", lambda: Ens(hidden_layer_sizes=(64, 64), alpha=1e-3), np.hstack([X, E]))
cv("random forest 300 + 27 atomic fractions", lambda: RandomForestRegressor(300, random_state=0, n_jobs=2), np.hstack([X, E]), False)
gb = cv("gradient boosting 500 x depth 4 (log target)",
        lambda: GradientBoostingRegressor(n_estimators=500, learning_rate=0.03, max_depth=4, subsample=0.8, random_state=0), X)
b = (mlp + gb) / 2
print(f"{'fixed 50/50 blend MLP ensemble + gradient boosting':58s} R2 {r2_score(y, b):.3f}  MAE {mean_absolute_error(y, b):6.1f}")
if "oof_mlp-ensemble" in rows[0] and "oof_tribuo-xgboost" in rows[0]:
    a = np.array([float(r["oof_mlp-ensemble"]) for r in rows])
    x = np.array([float(r["oof_tribuo-xgboost"]) for r in rows])
    print(f"{'fixed 50/50 blend alloyflow DJL ensemble + Tribuo XGBoost':58s} R2 {r2_score(y, (a + x) / 2):.3f}  MAE {mean_absolute_error(y, (a + x) / 2):6.1f}")
