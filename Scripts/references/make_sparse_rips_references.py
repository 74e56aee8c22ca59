#!/usr/bin/env python3
"""Writes the reference diagrams of the approximate (sparse) Rips tests into
Tests/PersistenceTests/Resources/sparse_rips/references.json.

Run from the repository root with the peers' environment (Benchmarks/peers/setup.sh):

    Benchmarks/peers/.venv/bin/python Scripts/references/make_sparse_rips_references.py

Each case is a small seeded cloud (numpy default_rng; coordinates rounded to 6 decimals) in
R^2 or R^3, an approximation parameter epsilon, and optionally a max_edge_length. The reference is
GUDHI's sparse Rips:

    gudhi.RipsComplex(points=P, max_edge_length=t, sparse=epsilon)
         .create_simplex_tree(max_dimension=2).persistence(homology_coeff_field=2)

(H0 and H1; bars of zero length are dropped, as GUDHI's default min_persistence=0 drops them).
Cases marked "distance_matrix" pass the Euclidean distance matrix instead of the points.

GUDHI starts its greedy permutation at a random point; tda-eval starts at point 0. The script fixes
GUDHI's generator (gudhi.random.set_seed), reads the start it draws (the same draw starts
gudhi.subsampling.choose_n_farthest_points), and gives GUDHI the cloud with rows 0 and that start
swapped, so that GUDHI starts at the committed cloud's point 0. The diagrams do not depend on the
order of the rows otherwise (random coordinates make ties in the farthest-point order improbable).
"""

import json
import os

import gudhi
import gudhi.random
import gudhi.subsampling
import numpy as np

OUT = os.path.join("Tests", "PersistenceTests", "Resources", "sparse_rips")


def torus(rng, n):
    u, v = rng.uniform(0, 2 * np.pi, n), rng.uniform(0, 2 * np.pi, n)
    return np.c_[(2 + np.cos(v)) * np.cos(u), (2 + np.cos(v)) * np.sin(u), np.sin(v)]


def circles(rng, n):
    t = rng.uniform(0, 2 * np.pi, n)
    centre = np.where(rng.uniform(size=n) < 0.5, 0.0, 3.0)
    return np.c_[np.cos(t) + centre, np.sin(t)] + rng.normal(0, 0.08, (n, 2))


def uniform(rng, n):
    return rng.uniform(0, 1, (n, 3))


def start_drawn(seed, n):
    gudhi.random.set_seed(seed)
    probe = np.arange(n, dtype=float).reshape(n, 1)
    first = gudhi.subsampling.choose_n_farthest_points(points=probe, nb_points=1)
    return int(first[0][0])


def gudhi_diagrams(points, epsilon, threshold, seed, distance_matrix):
    n = len(points)
    start = start_drawn(seed, n)
    order = list(range(n))
    order[0], order[start] = order[start], order[0]
    swapped = points[order]
    gudhi.random.set_seed(seed)
    kwargs = {"sparse": epsilon}
    if threshold is not None:
        kwargs["max_edge_length"] = threshold
    if distance_matrix:
        d = np.sqrt(((swapped[:, None, :] - swapped[None, :, :]) ** 2).sum(-1))
        complex_ = gudhi.RipsComplex(distance_matrix=d, **kwargs)
    else:
        complex_ = gudhi.RipsComplex(points=swapped, **kwargs)
    tree = complex_.create_simplex_tree(max_dimension=2)
    bars = tree.persistence(homology_coeff_field=2)
    out = {0: [], 1: []}
    for dim, (b, d) in bars:
        if dim in out:
            out[dim].append([float(b), None if d == float("inf") else float(d)])
    for dim in out:
        out[dim].sort(key=lambda p: (p[0], float("inf") if p[1] is None else p[1]))
    return out, tree.num_simplices()


def main():
    rng = np.random.default_rng(20261203)
    clouds = {
        "torus60": np.round(torus(rng, 60), 6),
        "circles70": np.round(circles(rng, 70), 6),
        "uniform50": np.round(uniform(rng, 50), 6),
    }
    repeated = np.round(circles(rng, 30), 6)
    clouds["circles30_repeats"] = np.concatenate([repeated, repeated[:8], repeated[:3]])
    cases = []
    plan = [
        ("torus60", [0.1, 0.3, 0.5, 0.8, 1.0, 2.5, 50.0], None, False),
        ("circles70", [0.2, 0.5, 0.9], None, False),
        ("circles70", [0.5], 1.2, False),
        ("uniform50", [0.3, 0.7], None, False),
        ("uniform50", [0.4], None, True),
        ("circles30_repeats", [0.5], None, False),
    ]
    seed = 7
    for name, epsilons, threshold, matrix in plan:
        points = clouds[name]
        for epsilon in epsilons:
            seed += 1
            diagrams, simplices = gudhi_diagrams(points, epsilon, threshold, seed, matrix)
            cases.append({
                "name": f"{name} eps {epsilon}" + (f" t {threshold}" if threshold else "")
                + (" matrix" if matrix else ""),
                "cloud": name,
                "epsilon": epsilon,
                "threshold": threshold,
                "distance_matrix": matrix,
                "gudhi_simplices": simplices,
                "h0": diagrams[0],
                "h1": diagrams[1],
            })
    os.makedirs(OUT, exist_ok=True)
    for name, points in clouds.items():
        with open(os.path.join(OUT, f"{name}.csv"), "w") as f:
            for row in points:
                f.write(",".join(repr(float(x)) for x in row) + "\n")
    with open(os.path.join(OUT, "references.json"), "w") as f:
        json.dump({"gudhi": gudhi.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
