#!/usr/bin/env python3
"""Writes the reference data for the α-precision / β-recall / authenticity tests into
Tests/SampleMetricsTests/Resources/alpha_precision/.

Run from the repository root:

    python3 -m venv .venv-alpha
    .venv-alpha/bin/pip install numpy
    .venv-alpha/bin/python Scripts/references/make_alpha_precision_references.py

Optional cross-check against synthcity's own code (needs scikit-learn too; synthcity itself is not
installed, which would pull torch: its wheel is only unpacked and the one method read from it):

    .venv-alpha/bin/pip install scikit-learn
    .venv-alpha/bin/pip download --no-deps synthcity -d /tmp/synthcity-wheel
    (cd /tmp/synthcity-wheel && python3 -m zipfile -e synthcity-*.whl unpacked)
    .venv-alpha/bin/python Scripts/references/make_alpha_precision_references.py \
        --synthcity /tmp/synthcity-wheel/unpacked

With --synthcity the script also runs `AlphaPrecision.metrics` from that copy of
synthcity/metrics/eval_statistical.py (on the cases where the samples have equal sizes, the only ones
synthcity accepts) and scikit-learn's MinMaxScaler on the mixed table, and stops if any number
differs from this script's.

What this script computes is synthcity's naive α-precision (`AlphaPrecision.metrics` with
`emb_center=None`), re-implemented with numpy alone, in the same float64 operations:

  alphas        np.linspace(0, 1, 30)
  centre        np.mean(X, axis=0)                   (real rows)
  radii         np.quantile(||X - centre||, alphas)  (linear interpolation)
  precision[k]  mean(||Y - centre|| <= radii[k])
  rho[i]        distance from real row i to its nearest other real row (duplicates count, at 0)
  j(i), d(i)    nearest synthetic row to real row i (lowest index on ties) and its distance
  e[i]          ||Y[j(i)] - mean(Y)||;  sradii = np.quantile(e, alphas)
  recall[k]     mean((d <= rho) * (e <= sradii[k]))
  delta         1 - sum(|alphas - curve|) / sum(alphas)
  synthcity's authenticity   mean(rho[j(i)] < d(i))              (over real rows; index j is a
                                                                  synthetic row's index)
  authenticity  mean over synthetic rows y of: dist(y, x_i*) > rho[i*], i* = nearest real row to y

The exact neighbour searches use squared distances summed as tda-eval's engine sums them (four
partial sums over coordinates k mod 4, the remainder into the first, (s0 + s1) + (s2 + s3)), so that
exactly tied distances tie identically; scikit-learn's trees sum left to right. The two differ by a
few ulps at most, which only matters when two distances tie exactly.

Inputs of sizes n != m are allowed here (synthcity raises); nothing else changes for them.

Tables use the naive embedding of tda-eval (docs/privacy.md): categorical columns one-hot (0/1), then
every coordinate min-max scaled as scikit-learn's MinMaxScaler fitted on the real rows transforms it:
scale = 1 / (max - min) (1 when max - min < 10 eps), x * scale + (0 - min * scale). Categories: the
real file's labels sorted (as text), then synthetic-only labels in order of appearance; ordinal
levels ranked by value.

Writes (deterministic; fixed seeds):
  <case>_real.csv, <case>_synth.csv   inputs (floats in shortest round-trip form)
  references.json                      per case: sizes, outputs, and for the table case the
                                       embedded coordinates
"""
import argparse
import ast
import json
import os

import numpy as np

OUT = os.path.join("Tests", "SampleMetricsTests", "Resources", "alpha_precision")


# ----------------------------------------------------------------------------------------------
# The computation

def squared_distances(A, B):
    """Squared Euclidean distances, |A| x |B|, summed as tda-eval's engine sums them."""
    d = A.shape[1]
    diff = A[:, None, :] - B[None, :, :]
    sq = diff * diff
    s = [np.zeros((A.shape[0], B.shape[0])) for _ in range(4)]
    k = 0
    while k + 4 <= d:
        for lane in range(4):
            s[lane] = s[lane] + sq[:, :, k + lane]
        k += 4
    while k < d:
        s[0] = s[0] + sq[:, :, k]
        k += 1
    return (s[0] + s[1]) + (s[2] + s[3])


def nearest_other(X):
    """Distance from every row of X to its nearest other row (by index; duplicates at 0)."""
    D = squared_distances(X, X)
    np.fill_diagonal(D, np.inf)
    return np.sqrt(D.min(axis=1))


def nearest(Q, R):
    """For every row of Q, the index of its nearest row of R (lowest on ties) and the distance."""
    D = squared_distances(Q, R)
    idx = D.argmin(axis=1)
    return idx, np.sqrt(D[np.arange(len(Q)), idx])


def alpha_precision(X, Y):
    alphas = np.linspace(0, 1, 30)
    centre = np.mean(X, axis=0)
    radii = np.quantile(np.sqrt(np.sum((X - centre) ** 2, axis=1)), alphas)
    synth_centre = np.mean(Y, axis=0)
    synth_to_centre = np.sqrt(np.sum((Y - centre) ** 2, axis=1))

    rho = nearest_other(X)
    j, d = nearest(X, Y)
    e = np.sqrt(np.sum((Y[j] - synth_centre) ** 2, axis=1))
    sradii = np.quantile(e, alphas)

    precision = [float(np.mean(synth_to_centre <= r)) for r in radii]
    recall = [float(np.mean((d <= rho) * (e <= s))) for s in sradii]

    i_star, d_star = nearest(Y, X)
    authenticity = float(np.mean(d_star > rho[i_star]))
    synthcity_authenticity = float(np.mean(rho[j] < d)) if len(X) == len(Y) else None

    def delta(curve):
        return float(1 - np.sum(np.abs(np.array(alphas) - np.array(curve))) / np.sum(alphas))

    return {
        "alphas": [float(a) for a in alphas],
        "precision_curve": precision,
        "recall_curve": recall,
        "alpha_precision": delta(precision),
        "beta_recall": delta(recall),
        "authenticity": authenticity,
        "authenticity_synthcity": synthcity_authenticity,
    }


# ----------------------------------------------------------------------------------------------
# Inputs

def write_cloud(path, X):
    with open(path, "w") as f:
        for row in X:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def read_cloud(path):
    with open(path) as f:
        return np.array([[float(v) for v in line.split(",")] for line in f if line.strip()])


TABLE_COLUMNS = ["age", "sex", "smoker", "stage", "bmi"]
TABLE_KINDS = {"age": "numeric", "sex": "categorical", "smoker": "categorical",
               "stage": "ordinal", "bmi": "numeric"}


def table_rows(rng, n, smokers, p):
    return [[f"{rng.normal(55, 12):.1f}", str(rng.choice(["f", "m"])),
             str(rng.choice(smokers, p=p)), str(int(rng.integers(1, 5))),
             f"{rng.normal(26, 4):.1f}"] for _ in range(n)]


def write_table(path, rows):
    with open(path, "w") as f:
        f.write(",".join(TABLE_COLUMNS) + "\n")
        for row in rows:
            f.write(",".join(row) + "\n")


def read_table(path):
    with open(path) as f:
        lines = [line.rstrip("\n").split(",") for line in f if line.strip()]
    assert lines[0] == TABLE_COLUMNS
    return lines[1:]


def one_hot(real_rows, synth_rows):
    """Numeric values, 0/1 indicators of categorical labels, ordinal ranks; and coordinate names."""
    def encode(rows, c, kind, categories, levels):
        cells = [row[c] for row in rows]
        if kind == "numeric":
            return [[float(v)] for v in cells]
        if kind == "ordinal":
            return [[float(levels.index(float(v)))] for v in cells]
        return [[1.0 if categories.index(v) == k else 0.0 for k in range(len(categories))]
                for v in cells]

    blocks_real, blocks_synth, names = [], [], []
    for c, name in enumerate(TABLE_COLUMNS):
        kind = TABLE_KINDS[name]
        categories, levels = [], []
        if kind == "categorical":
            categories = sorted({row[c] for row in real_rows})
            for row in synth_rows:
                if row[c] not in categories:
                    categories.append(row[c])
            names += [f"{name}={label}" for label in categories]
        else:
            names.append(name)
        if kind == "ordinal":
            levels = sorted({float(row[c]) for row in real_rows})
        blocks_real.append(np.array(encode(real_rows, c, kind, categories, levels)))
        blocks_synth.append(np.array(encode(synth_rows, c, kind, categories, levels)))
    return np.hstack(blocks_real), np.hstack(blocks_synth), names


def min_max(R, S):
    """Both samples scaled with the real rows' minima and maxima, as MinMaxScaler does."""
    low = R.min(axis=0)
    rng_ = R.max(axis=0) - low
    rng_[rng_ < 10 * np.finfo(float).eps] = 1.0
    scale = 1.0 / rng_
    offset = 0 - low * scale
    return R * scale + offset, S * scale + offset


def naive_embedding(real_rows, synth_rows):
    """One-hot categorical columns, ordinal ranks, then min-max scaling fitted on the real rows."""
    R, S, names = one_hot(real_rows, synth_rows)
    X, Y = min_max(R, S)
    return X, Y, names


def make_cases():
    cases = []

    def cloud_case(name, X, Y, note):
        write_cloud(os.path.join(OUT, f"{name}_real.csv"), X)
        write_cloud(os.path.join(OUT, f"{name}_synth.csv"), Y)
        cases.append({"name": name, "kind": "cloud", "note": note,
                      "real": f"{name}_real.csv", "synthetic": f"{name}_synth.csv"})

    rng = np.random.default_rng(20240711)
    cloud_case("gauss_equal", rng.normal(size=(200, 3)),
               rng.normal(0.3, 1.2, size=(200, 3)), "n = m = 200, d = 3, shifted and wider")
    cloud_case("gauss_more_synth", rng.normal(size=(150, 5)),
               rng.normal(0.0, 0.7, size=(260, 5)), "n = 150 < m = 260, d = 5, narrower")
    cloud_case("gauss_fewer_synth", rng.normal(size=(300, 12)),
               rng.normal(0.2, 1.0, size=(90, 12)), "n = 300 > m = 90, d = 12")

    real = rng.normal(size=(120, 4))
    real[5:10] = real[0:5]                                   # duplicated real rows: rho = 0
    synth = np.vstack([
        real[rng.choice(120, 40, replace=False)],            # exact copies
        real[rng.choice(120, 40, replace=False)] + rng.normal(0, 0.01, size=(40, 4)),
        rng.normal(size=(40, 4)),
    ])
    cloud_case("copies", real, synth, "n = m = 120, d = 4; 40 copies, 40 near copies, duplicated real rows")

    cloud_case("authenticity_example", np.array([[0.0], [10.0], [10.5]]),
               np.array([[9.0], [0.2], [30.0]]),
               "the example of docs/privacy.md where synthcity's authenticity index matters")

    trng = np.random.default_rng(20240712)
    real_rows = table_rows(trng, 80, ["former", "no", "yes"], [0.25, 0.5, 0.25])
    for k, stage in enumerate("1234"):
        real_rows[k][3] = stage
    synth_rows = table_rows(trng, 70, ["former", "no", "yes", "unknown"], [0.2, 0.5, 0.2, 0.1])
    synth_rows[3] = list(real_rows[10])                      # two copies of real rows
    synth_rows[4] = list(real_rows[11])
    synth_rows[5][0] = "99.5"                                # above the real age range
    write_table(os.path.join(OUT, "mixed_real.csv"), real_rows)
    write_table(os.path.join(OUT, "mixed_synth.csv"), synth_rows)
    cases.append({"name": "mixed", "kind": "table",
                  "note": "80 / 70 rows; sex, smoker categorical ('unknown' only synthetic), stage ordinal",
                  "real": "mixed_real.csv", "synthetic": "mixed_synth.csv",
                  "categorical": ["sex", "smoker"], "ordinal": ["stage"]})
    return cases


def compute_case(case):
    if case["kind"] == "cloud":
        X = read_cloud(os.path.join(OUT, case["real"]))
        Y = read_cloud(os.path.join(OUT, case["synthetic"]))
        extra = {}
    else:
        X, Y, names = naive_embedding(read_table(os.path.join(OUT, case["real"])),
                                      read_table(os.path.join(OUT, case["synthetic"])))
        extra = {"names": names, "embedded_real": [float(v) for v in X.ravel()],
                 "embedded_synthetic": [float(v) for v in Y.ravel()]}
    result = alpha_precision(X, Y)
    return X, Y, dict(case, n=len(X), m=len(Y), d=X.shape[1], **result, **extra)


# ----------------------------------------------------------------------------------------------
# Optional: synthcity's own method, read from an unpacked wheel

def synthcity_metrics(unpacked):
    """`AlphaPrecision.metrics` from synthcity's source, run with numpy and scikit-learn."""
    from typing import Optional, Tuple
    from sklearn.neighbors import NearestNeighbors
    path = os.path.join(unpacked, "synthcity", "metrics", "eval_statistical.py")
    tree = ast.parse(open(path).read())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "AlphaPrecision")
    fn = next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "metrics")
    fn.decorator_list = []
    module = ast.Module(body=[fn], type_ignores=[])
    namespace = {"np": np, "NearestNeighbors": NearestNeighbors, "Optional": Optional,
                 "Tuple": Tuple}
    exec(compile(ast.fix_missing_locations(module), path, "exec"), namespace)
    return lambda X, Y: namespace["metrics"](None, X, Y, emb_center=None)


def check_synthcity(unpacked, computed):
    from sklearn.preprocessing import MinMaxScaler
    metrics = synthcity_metrics(unpacked)
    for X, Y, ref in computed:
        if ref["kind"] == "table":
            raw = naive_embedding_unscaled(ref)
            scaler = MinMaxScaler().fit(raw[0])
            assert np.array_equal(scaler.transform(raw[0]), X), "MinMaxScaler (real)"
            assert np.array_equal(scaler.transform(raw[1]), Y), "MinMaxScaler (synthetic)"
            print(f"{ref['name']}: embedding equals scikit-learn's MinMaxScaler on the one-hot table")
        if len(X) != len(Y):
            continue
        alphas, p, b, dp, db, auth = metrics(X, Y)
        assert np.array_equal(alphas, ref["alphas"])
        assert [float(v) for v in p] == ref["precision_curve"], ref["name"]
        assert [float(v) for v in b] == ref["recall_curve"], ref["name"]
        assert float(dp) == ref["alpha_precision"] and float(db) == ref["beta_recall"], ref["name"]
        assert float(auth) == ref["authenticity_synthcity"], ref["name"]
        print(f"{ref['name']}: synthcity's AlphaPrecision.metrics gives the same curves, scores and "
              f"authenticity_naive ({float(auth)!r}; corrected: {ref['authenticity']!r})")


def naive_embedding_unscaled(case):
    """The one-hot table before scaling (for the MinMaxScaler check)."""
    R, S, _ = one_hot(read_table(os.path.join(OUT, case["real"])),
                      read_table(os.path.join(OUT, case["synthetic"])))
    return R, S


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthcity", help="an unpacked synthcity wheel, to cross-check against")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    computed = [compute_case(case) for case in make_cases()]
    with open(os.path.join(OUT, "references.json"), "w") as f:
        json.dump({"generator": "Scripts/references/make_alpha_precision_references.py",
                   "numpy": np.__version__, "cases": [c[2] for c in computed]}, f, indent=1)
        f.write("\n")
    for _, _, ref in computed:
        print(f"{ref['name']}: n={ref['n']} m={ref['m']} d={ref['d']} "
              f"alpha_precision={ref['alpha_precision']:.6f} beta_recall={ref['beta_recall']:.6f} "
              f"authenticity={ref['authenticity']:.6f} synthcity={ref['authenticity_synthcity']}")
    if args.synthcity:
        check_synthcity(args.synthcity, computed)


if __name__ == "__main__":
    main()
