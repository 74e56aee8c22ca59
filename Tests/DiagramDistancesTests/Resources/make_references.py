#!/usr/bin/env python3
"""Reference distances for DiagramDistancesTests, computed with peer tools.

Writes references.json next to this script: for each case the two diagrams (death null = +inf)
and the reference values
  bottleneck           gudhi.bottleneck_distance(A, B, e=0)   (checked against gudhi.hera, delta=0)
  wasserstein[q, p]    scipy.optimize.linear_sum_assignment on the augmented (n+m)x(n+m) cost
                       matrix (restricted diagonal), plus the essential part matched by sorting;
                       for p = inf also checked against POT (gudhi.wasserstein) to 1e-6.
Run with the peers' interpreter:
  ../../../Benchmarks/peers/.venv/bin/python make_references.py   (from this folder)
"""
import json, os, warnings
import numpy as np
from scipy.optimize import linear_sum_assignment
import gudhi, gudhi.hera, gudhi.wasserstein

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261124)


def exp_diagram(n, scale=1.0, mean=0.1):
    b = rng.uniform(0, scale, n)
    return np.column_stack([b, b + rng.exponential(mean * scale, n)])


def cases():
    yield "random 40 vs 50", exp_diagram(40), exp_diagram(50)
    yield "random 7 vs 0", exp_diagram(7), np.zeros((0, 2))
    g = lambda n: np.column_stack([b := rng.integers(0, 5, n).astype(float), b + rng.integers(1, 4, n)])
    yield "integer ties", g(30), g(25)
    a = exp_diagram(12)
    yield "duplicates", np.vstack([a, a[:5], a[:2]]), np.vstack([a[3:], a[:4], a[:4]])
    near = lambda n: np.column_stack([b := rng.uniform(0, 1, n), b + rng.exponential(0.002, n)])
    yield "near-diagonal", near(60), np.vstack([near(50), exp_diagram(5)])
    mag = lambda n: np.column_stack([b := 10 ** rng.uniform(-6, 6, n), b + 10 ** rng.uniform(-6, 6, n)])
    yield "magnitudes 1e-6 to 1e6", mag(30), mag(35)
    e1 = np.vstack([exp_diagram(20), [[0.0, np.inf], [0.3, np.inf], [0.1, np.inf]]])
    e2 = np.vstack([exp_diagram(25), [[0.05, np.inf], [0.5, np.inf], [0.0, np.inf]]])
    yield "essential points, equal counts", e1, e2
    yield "essential points, different counts", e1, np.vstack([exp_diagram(20), [[0.2, np.inf]]])
    h = exp_diagram(30)
    yield "shuffled copy", h, h[rng.permutation(30)]


def lp(dx, dy, p):
    return np.maximum(np.abs(dx), np.abs(dy)) if p == np.inf else (np.abs(dx) ** p + np.abs(dy) ** p) ** (1 / p)


def wasserstein_lsa(A, B, q, p):
    fa, fb = A[np.isfinite(A[:, 1])], B[np.isfinite(B[:, 1])]
    ea, eb = np.sort(A[~np.isfinite(A[:, 1]), 0]), np.sort(B[~np.isfinite(B[:, 1]), 0])
    if len(ea) != len(eb):
        return None
    essential = float(np.sum(np.abs(ea - eb) ** q))
    n, m = len(fa), len(fb)
    diag = lambda D: lp((D[:, 1] - D[:, 0]) / 2, (D[:, 1] - D[:, 0]) / 2, p) ** q
    C = np.zeros((n + m, n + m))
    C[:n, :m] = lp(fa[:, None, 0] - fb[None, :, 0], fa[:, None, 1] - fb[None, :, 1], p) ** q
    C[:n, m:] = np.inf
    C[n:, :m] = np.inf
    if n:
        C[np.arange(n), m + np.arange(n)] = diag(fa)
    if m:
        C[n + np.arange(m), np.arange(m)] = diag(fb)
    rows, cols = linear_sum_assignment(C) if n + m else ([], [])
    return (float(C[rows, cols].sum()) + essential) ** (1 / q)


def listed(D):
    return [[float(b), None if np.isinf(d) else float(d)] for b, d in D]


out = []
for name, A, B in cases():
    bottleneck = gudhi.bottleneck_distance(A, B, 0)
    hera = gudhi.hera.bottleneck_distance(A, B, delta=0)
    assert abs(bottleneck - hera) <= 1e-12 * max(1, abs(hera)) or bottleneck == hera, (name, bottleneck, hera)
    ws = []
    for q in (1, 2):
        for p in (1, 2, np.inf):
            value = wasserstein_lsa(A, B, q, p)
            if p == np.inf:
                pot = gudhi.wasserstein.wasserstein_distance(A, B, order=q, internal_p=np.inf)
                assert (value is None and np.isinf(pot)) or abs(pot - value) <= 1e-6 * max(1, value), (name, q, value, pot)
            ws.append({"q": q, "p": None if p == np.inf else p, "value": value})
    out.append({"name": name, "a": listed(A), "b": listed(B),
                "bottleneck": None if np.isinf(bottleneck) else bottleneck, "wasserstein": ws})
    print(name, bottleneck, [w["value"] for w in ws])

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "references.json"), "w") as f:
    json.dump({"generator": "make_references.py", "cases": out}, f, indent=1)
