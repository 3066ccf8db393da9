#!/usr/bin/env python3
"""Python side of bench/run.mjs (issue 7). Three uses:

  sklearn_bench.py versions                 -> prints JSON: python, sklearn, numpy, scipy, openblas
  sklearn_bench.py export-digits DIR        -> writes load_digits() as DIR/digits.{X,y}.f64 + .json
  sklearn_bench.py TASK.json                -> runs one contender on one case, writes the result JSON

A task names the data files (float64 written by the JavaScript side, read here with numpy.fromfile,
so both sides fit the identical numbers), the contender ('sklearn', 'sklearn-saga',
'sklearn-liblinear', 'numpy', 'numpy-read') and the number of timed runs. Each task runs in its own
process so its peak memory (VmHWM, reset before the warm-up fit) is its own. Fit times are
time.perf_counter() around fit() only; the objective is computed by the JavaScript side.
"""
import json
import os
import platform
import resource
import sys
import time
import warnings


def memory_status():
    try:
        with open("/proc/self/status") as f:
            s = f.read()
        kb = lambda key: int(s.split(key + ":")[1].split()[0])  # noqa: E731
        return {"hwm": kb("VmHWM") / 1024, "rss": kb("VmRSS") / 1024}
    except OSError:
        return None


def reset_peak():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def openblas_version():
    """The OpenBLAS build numpy links, asked through its own openblas_get_config()."""
    import ctypes
    import numpy  # noqa: F401  (loads the BLAS)

    try:
        with open("/proc/self/maps") as f:
            libs = sorted({line.split()[-1] for line in f if "openblas" in line.lower() and ".so" in line})
    except OSError:
        return None
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            cfg = lib.openblas_get_config().decode()
            threads = None
            if hasattr(lib, "openblas_get_num_threads"):
                threads = lib.openblas_get_num_threads()
            return f"{cfg} ({os.path.basename(path)}, {threads} threads)"
        except (OSError, AttributeError):
            continue
    return None


def versions():
    out = {"python": platform.python_version()}
    try:
        import numpy
        import scipy
        import sklearn

        out.update(sklearn=sklearn.__version__, numpy=numpy.__version__, scipy=scipy.__version__, openblas=openblas_version())
    except ImportError as e:
        out["error"] = str(e)
    print(json.dumps(out))


def export_digits(folder):
    import numpy as np
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    X = np.ascontiguousarray(X, dtype="<f8")
    X.tofile(os.path.join(folder, "digits.X.f64"))
    y.astype("<f8").tofile(os.path.join(folder, "digits.y.f64"))
    with open(os.path.join(folder, "digits.json"), "w") as f:
        json.dump({"n": int(X.shape[0]), "d": int(X.shape[1]), "K": int(y.max()) + 1, "source": "sklearn.datasets.load_digits"}, f)


def measure(fn, runs):
    before = memory_status()
    peak_reset = reset_peak()
    t0 = time.perf_counter()
    out = fn()
    warmup = (time.perf_counter() - t0) * 1000
    after = memory_status()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return out, {
        "times": times,
        "warmupMs": warmup,
        "baseRssMB": before["rss"] if before else None,
        "peakRssMB": after["hwm"] if (after and peak_reset) else None,
        "maxRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_task(task):
    import numpy as np

    spec, meta, files, contender = task["spec"], task["meta"], task["files"], task["contender"]
    n, d = meta["n"], meta["d"]
    X = np.fromfile(files["X"], dtype="<f8").reshape(n, d)
    y = np.fromfile(files["y"], dtype="<f8")
    runs = task["runs"]
    caught = []

    if contender in ("numpy", "numpy-read"):
        w = np.array([0.01 * ((j % 7) - 3) for j in range(d + 1)])
        yb = y

        def two_pass():
            # numpy's loss and gradient: X·w, then Xᵀ·r, two BLAS passes over X.
            z = X @ w[:d] + w[d]
            loss = np.sum(np.logaddexp(0, z) - yb * z)
            r = 1 / (1 + np.exp(-z)) - yb
            return loss, X.T @ r, r.sum()

        fn = two_pass if contender == "numpy" else (lambda: X.sum())
        _, m = measure(fn, max(runs, 20))
        note = "X·w then Xᵀ·r (BLAS gemv twice) with the loss" if contender == "numpy" else "X.sum(): reads X once"
        return {"status": "ok", **m, "nIter": 1, "note": note}

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge

    if spec["model"] == "linear":
        make = (lambda: Ridge(alpha=spec["alpha"])) if spec["penalty"] == "l2" else (lambda: LinearRegression())
        target = y
    else:
        solver = contender.split("-", 1)[1] if "-" in contender else "lbfgs"
        make = lambda: LogisticRegression(penalty=spec["penalty"], C=spec["C"], solver=solver)  # noqa: E731
        target = y.astype(np.int64)

    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", ConvergenceWarning)
        if spec["task"] == "proba":
            model = make().fit(X, target)
            _, m = measure(lambda: model.predict_proba(X), runs)
            res = {"status": "ok", **m, "nIter": None, "note": "predict_proba over all rows of a fitted default model"}
        else:
            model, m = measure(lambda: make().fit(X, target), runs)
            coef = np.atleast_2d(model.coef_)
            intercept = np.atleast_1d(model.intercept_)
            n_iter = getattr(model, "n_iter_", None)
            n_iter = int(np.max(n_iter)) if n_iter is not None else None
            note = f"solver {getattr(model, 'solver', 'lstsq' if spec['model'] == 'linear' else '?')}"
            if spec["model"] == "linear" and spec["penalty"] == "l2":
                note = f"solver {model.solver}"
            res = {"status": "ok", **m, "coef": coef.tolist(), "intercept": intercept.astype(float).tolist(), "nIter": n_iter, "note": note}
        caught = sorted({f"{x.category.__name__}: {str(x.message).splitlines()[0]}" for x in w})
    res["warnings"] = caught
    if spec["task"] != "proba" and spec["model"] != "linear":
        res["converged"] = not any(c.startswith("ConvergenceWarning") for c in caught)
    return res


def main():
    if sys.argv[1] == "versions":
        versions()
        return
    if sys.argv[1] == "export-digits":
        export_digits(sys.argv[2])
        return
    with open(sys.argv[1]) as f:
        task = json.load(f)
    try:
        res = run_task(task)
    except Exception as e:  # reported in the table, never hidden
        import traceback

        res = {"status": "error", "error": f"{e}\n{traceback.format_exc()}"}
    with open(task["resultFile"], "w") as f:
        json.dump(res, f)


if __name__ == "__main__":
    main()
