#!/usr/bin/env python3
"""scikit-learn side of scripts/measure/solvers.mjs: fits the same data with each sklearn solver and
prints JSON {case: {solver: {nIter, ms, objective}}}. Input: a JSON file of cases from the .mjs."""
import json
import sys
import time
import warnings

import numpy as np
from scipy.special import logsumexp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

warnings.simplefilter("ignore", ConvergenceWarning)


def objective(clf, X, y, C, penalty):
    Z = X @ clf.coef_.T + clf.intercept_
    if clf.coef_.shape[0] == 1:
        t = (y == clf.classes_[1]).astype(float)
        data = np.sum(np.logaddexp(0, Z[:, 0]) - t * Z[:, 0])
    else:
        idx = np.searchsorted(clf.classes_, y)
        data = np.sum(logsumexp(Z, axis=1) - Z[np.arange(len(y)), idx])
    pen = np.sum(np.abs(clf.coef_)) if penalty == "l1" else 0.5 * np.sum(clf.coef_ ** 2)
    return float(C * data + pen)


cases = json.load(open(sys.argv[1]))
out = {}
for case in cases:
    X = np.array(case["X"])
    y = np.array(case["y"])
    res = {}
    for solver in case["sklearnSolvers"]:
        kw = dict(penalty=case["penalty"], C=case["C"], solver=solver, tol=case["tol"], max_iter=case["maxIter"])
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            clf = LogisticRegression(**kw).fit(X, y)
            times.append((time.perf_counter() - t0) * 1000)
        res[solver] = {"nIter": int(np.max(clf.n_iter_)), "ms": float(np.median(times)),
                       "objective": objective(clf, X, y, case["C"], case["penalty"])}
    out[case["name"]] = res
print(json.dumps(out))
