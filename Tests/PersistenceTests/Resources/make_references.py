#!/usr/bin/env python3
"""Reference barcodes for PersistenceTests, written to references.json.

Run from this folder with the peers' interpreter:
    ../../../Benchmarks/peers/.venv/bin/python make_references.py EXAMPLES_DIR
EXAMPLES_DIR holds Ripser's example files (its `examples/` folder: o3_*.txt,
sphere_3_192.lower_distance_matrix, rp2_600…, projective_plane.*). The script copies the small ones it needs here, derives a few small inputs from the
big ones (prefixes, sub-matrices, other formats of the same matrix) and seeded synthetic clouds,
and computes their barcodes:
  * tool "ripser"  -- the pip package ripser (float32, like Ripser's C++ program);
  * tool "gudhi"   -- GUDHI's RipsComplex + SimplexTree in float64 (every simplex, no tricks).
Each case records the input file, its --input-format, maxdim, modulus, threshold (null: the
default, the enclosing radius) and the bars per dimension ([birth, death], death null = infinity).
Zero-length bars are dropped, as every tool here does.
"""
import json
import os
import shutil
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) != 2:
    sys.exit("usage: make_references.py EXAMPLES_DIR (the folder of Ripser's example files)")
EXAMPLES = sys.argv[1]


def copy(name):
    shutil.copyfile(os.path.join(EXAMPLES, name), os.path.join(HERE, name))
    return name


def read_lower(path):
    """Ripser's lower-distance reader: numbers separated by any non-numeric character."""
    import re
    text = open(path).read()
    values = [float(t) for t in re.findall(r"[-+0-9.eE]+", text)]
    m = len(values)
    n = int(round((1 + (1 + 8 * m) ** 0.5) / 2))
    assert n * (n - 1) // 2 == m, path
    d = np.zeros((n, n))
    k = 0
    for i in range(n):
        for j in range(i):
            d[i, j] = d[j, i] = values[k]
            k += 1
    return d


def write_lower(d, name, sep=","):
    n = len(d)
    with open(os.path.join(HERE, name), "w") as f:
        for i in range(n):
            f.write(sep.join(repr(float(d[i, j])) for j in range(i)) + "\n")
    return name


def write_cloud(x, name, sep=","):
    with open(os.path.join(HERE, name), "w") as f:
        for row in x:
            f.write(sep.join(repr(float(v)) for v in row) + "\n")
    return name


def bars_ripser(d, maxdim, modulus, threshold):
    from ripser import ripser
    thresh = np.inf if threshold is None else threshold
    result = ripser(d, maxdim=maxdim, coeff=modulus, thresh=thresh, distance_matrix=True)
    return [[[float(b), None if np.isinf(e) else float(e)] for b, e in dgm if e > b]
            for dgm in result["dgms"]]


def enclosing_radius(d):
    return float(np.min(np.max(d, axis=1)))


def bars_gudhi(d, maxdim, modulus, threshold):
    import gudhi
    t = enclosing_radius(d) if threshold is None else min(threshold, np.inf)
    rips = gudhi.RipsComplex(distance_matrix=d, max_edge_length=t)
    tree = rips.create_simplex_tree(max_dimension=maxdim + 1)
    tree.compute_persistence(homology_coeff_field=modulus, min_persistence=0)
    out = []
    for k in range(maxdim + 1):
        out.append([[float(b), None if np.isinf(e) else float(e)]
                    for b, e in tree.persistence_intervals_in_dimension(k) if e > b])
    return out


cases = []


def case(name, file, fmt, d, maxdim, modulus=2, threshold=None, tool="ripser"):
    compute = bars_ripser if tool == "ripser" else bars_gudhi
    diagrams = compute(d, maxdim, modulus, threshold)
    cases.append(dict(name=name, file=file, format=fmt, maxdim=maxdim, modulus=modulus,
                      threshold=threshold, tool=tool, diagrams=diagrams))
    print(name, tool, [len(x) for x in diagrams], flush=True)


def pairwise(x, metric="euclidean"):
    from scipy.spatial.distance import cdist
    return cdist(x, x, metric=metric)


# Ripser's small examples with their documented parameters.
pp = read_lower(os.path.join(EXAMPLES, "projective_plane.lower_distance_matrix"))
for p in (2, 3):
    case(f"projective_plane_p{p}", copy("projective_plane.lower_distance_matrix"),
         "lower-distance", pp, 2, p)
    case(f"projective_plane_csv_p{p}", copy("projective_plane.csv"), "distance", pp, 2, p)
    case(f"projective_plane_dipha_p{p}", copy("projective_plane.dipha"), "dipha", pp, 2, p)
for name in ("random16", "random20"):
    file = copy(f"{name}.lower_distance_matrix")
    case(name, file, "lower-distance", read_lower(os.path.join(HERE, file)), 2)
sphere = read_lower(os.path.join(EXAMPLES, "sphere_3_192.lower_distance_matrix"))
case("sphere_3_192", copy("sphere_3_192.lower_distance_matrix"), "lower-distance", sphere, 2)

# The same matrices in the other formats.
r20 = read_lower(os.path.join(HERE, "random20.lower_distance_matrix"))
n = len(r20)
with open(os.path.join(HERE, "random20.upper_distance_matrix"), "w") as f:
    f.write(" ".join(repr(float(r20[i, j])) for i in range(n) for j in range(i + 1, n)) + "\n")
case("random20_upper", "random20.upper_distance_matrix", "upper-distance", r20, 2)
r16 = read_lower(os.path.join(HERE, "random16.lower_distance_matrix"))
with open(os.path.join(HERE, "random16.bin"), "wb") as f:
    for i in range(len(r16)):
        for j in range(i):
            f.write(struct.pack("<f", r16[i, j]))
case("random16_binary", "random16.bin", "binary", r16, 2)
# A sparse file: the pairs of sphere_3_192 up to 0.8 (the rest absent), threshold 0.7 (so the
# entries between 0.7 and 0.8 must be dropped, unlike Ripser's CLI).
with open(os.path.join(HERE, "sphere_3_192.sparse"), "w") as f:
    for i in range(len(sphere)):
        for j in range(i):
            if sphere[i, j] <= 0.8:
                f.write(f"{i} {j} {float(sphere[i, j])!r}\n")
sparse_d = np.where(sphere <= 0.8, sphere, np.inf)
np.fill_diagonal(sparse_d, 0)
case("sphere_3_192_sparse_t0.7", "sphere_3_192.sparse", "sparse", sphere, 2, threshold=0.7)

# Small pieces of the big examples.
o3 = np.loadtxt(os.path.join(EXAMPLES, "o3_1024.txt"))[:160]
case("o3_160_t1.8", write_cloud(o3, "o3_160.txt", "\t"), "point-cloud", pairwise(o3), 2,
     threshold=1.8)
case("o3_160_dim3_t1.2", "o3_160.txt", "point-cloud", pairwise(o3), 3, threshold=1.2)
cyclo = np.loadtxt(os.path.join(EXAMPLES, "pointsCycloOctane.csv"), delimiter=",")[:400]
case("cyclooctane_400_t0.5", write_cloud(cyclo, "cyclooctane_400.csv"), "point-cloud",
     pairwise(cyclo), 2, threshold=0.5)
rp2 = read_lower(os.path.join(EXAMPLES, "rp2_600.lower_distance_matrix.csv"))[:90, :90]
for p in (2, 3):
    case(f"rp2_90_p{p}", write_lower(rp2, "rp2_90.lower_distance_matrix.csv"), "lower-distance",
         rp2, 2, p)

# Float64 references from GUDHI on seeded synthetic clouds: generic, ties, duplicates,
# thresholds, other metrics, Z/3.
rng = np.random.default_rng(20261124)
blob = rng.normal(size=(50, 3))
case("gaussian50_gudhi", write_cloud(blob, "gaussian50.csv"), "csv", pairwise(blob), 2, tool="gudhi")
case("gaussian50_t0.9_gudhi", "gaussian50.csv", "csv", pairwise(blob), 2, threshold=0.9,
     tool="gudhi")
case("gaussian50_p3_gudhi", "gaussian50.csv", "csv", pairwise(blob), 2, modulus=3, tool="gudhi")
grid = np.array([[i, j] for i in range(6) for j in range(5)], dtype=float)
case("grid30_gudhi", write_cloud(grid, "grid30.csv"), "csv", pairwise(grid), 2, tool="gudhi")
case("grid30_manhattan_gudhi", "grid30.csv", "csv", pairwise(grid, "cityblock"), 2,
     tool="gudhi")
case("grid30_chebyshev_gudhi", "grid30.csv", "csv", pairwise(grid, "chebyshev"), 2,
     tool="gudhi")
angles = rng.uniform(0, 2 * np.pi, size=40)
circle = np.c_[np.cos(angles), np.sin(angles)]
circle = np.r_[circle, circle[:5]]  # five duplicated points
case("circle45_duplicates_gudhi", write_cloud(circle, "circle45.csv"), "csv", pairwise(circle),
     1, tool="gudhi")
torus_u, torus_v = rng.uniform(0, 2 * np.pi, size=(2, 70))
torus = np.c_[(2 + np.cos(torus_v)) * np.cos(torus_u), (2 + np.cos(torus_v)) * np.sin(torus_u),
              np.sin(torus_v)]
case("torus70_t1.5_gudhi", write_cloud(torus, "torus70.csv"), "csv", pairwise(torus), 2,
     threshold=1.5, tool="gudhi")
case("torus70_t1.5_p3_gudhi", "torus70.csv", "csv", pairwise(torus), 2, modulus=3,
     threshold=1.5, tool="gudhi")
case("random20_gudhi", "random20.lower_distance_matrix", "lower-distance", r20, 2, tool="gudhi")

with open(os.path.join(HERE, "references.json"), "w") as f:
    json.dump(dict(generator="make_references.py", cases=cases), f, indent=1)
print("wrote", len(cases), "cases")
