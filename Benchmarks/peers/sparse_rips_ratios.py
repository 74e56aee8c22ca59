#!/usr/bin/env python3
"""Approximate (sparse) Rips: `tda-eval rips --approximate EPS` against GUDHI's SparseRipsComplex,
side by side.

Inputs (numpy default_rng(0), written once as CSV with 17 significant digits, both tools read the
same file): "torus" -- n points uniform in the angles of the torus of radii 2 and 1 in R^3;
"sphere" -- n points uniform on the unit sphere of R^3 plus Gaussian noise of deviation 0.05.
For each cloud, epsilon and run, interleaved:
  * tda    -- the WHOLE `tda-eval rips FILE --approximate EPS --maxdim 1 --json` process
              (start-up, parsing, greedy permutation, sparse graph, H0 and H1, printing);
  * gudhi  -- RipsComplex(points=x, sparse=EPS).create_simplex_tree(max_dimension=2) then
              persistence(homology_coeff_field=2): the library calls only (numpy import and CSV
              parsing excluded; gudhi.random.set_seed(0) fixes its random start), in a worker
              process whose whole wall time is also shown.
Peak RSS is that of the whole process, from /usr/bin/time -v. Medians over the runs. The two
tools start their greedy permutations at different points, so their diagrams differ; both are
within log(1/(1-EPS)) of the exact diagram in log scale, so the script checks that the bottleneck
distance between the logarithms of their H1 diagrams (gudhi.bottleneck_distance) is at most twice
that, and prints it.

    python sparse_rips_ratios.py                              # torus, 2000/5000/20000, eps 0.5, 1
    python sparse_rips_ratios.py --clouds sphere --sizes 20000 --eps 0.5 --runs 3

Build the binary first: swift build -c release --product tda-eval (at the repository root).
Use the peers' interpreter: Benchmarks/peers/.venv/bin/python (numpy, gudhi).
"""
import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timed_process import run_timed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def cloud_file(kind, n, folder):
    import numpy as np
    path = Path(folder) / f"{kind}_{n}.csv"
    if path.exists():
        return path
    rng = np.random.default_rng(0)
    if kind == "torus":
        u, v = rng.uniform(0, 2 * np.pi, n), rng.uniform(0, 2 * np.pi, n)
        x = np.c_[(2 + np.cos(v)) * np.cos(u), (2 + np.cos(v)) * np.sin(u), np.sin(v)]
    else:
        g = rng.standard_normal((n, 3))
        x = g / np.linalg.norm(g, axis=1, keepdims=True) + rng.normal(0, 0.05, (n, 3))
    np.savetxt(path, x, fmt="%.17g", delimiter=",")
    return path


def worker(spec):
    """Runs GUDHI on one file and prints {"wall", "h1", "simplices"} as JSON."""
    import numpy as np
    import gudhi
    import gudhi.random
    x = np.loadtxt(spec["file"], delimiter=",")
    gudhi.random.set_seed(0)
    t0 = time.perf_counter()
    tree = gudhi.RipsComplex(points=x, sparse=spec["eps"]).create_simplex_tree(max_dimension=2)
    bars = tree.persistence(homology_coeff_field=2)
    wall = time.perf_counter() - t0
    h1 = [[b, d] for k, (b, d) in bars if k == 1]
    print(json.dumps(dict(wall=wall, h1=h1, simplices=tree.num_simplices())))


def run(tool, path, eps, args):
    if tool == "tda":
        cmd = [args.binary, "rips", str(path), "--approximate", str(eps), "--maxdim", "1",
               "--json"]
    else:
        cmd = [sys.executable, __file__, "--worker", json.dumps(dict(file=str(path), eps=eps))]
    stdout, process_wall, rss = run_timed(cmd, args.timeout, f"{tool} on {path.name}")
    if tool == "tda":
        h1 = json.loads(stdout)["diagrams"][1]["pairs"]
        h1 = [[b, math.inf if d is None else d] for b, d in h1]
        return dict(wall=process_wall, process=process_wall, rss=rss, h1=h1)
    out = json.loads(stdout.strip().splitlines()[-1])
    return dict(wall=out["wall"], process=process_wall, rss=rss, h1=out["h1"])


def log_bottleneck(a, b):
    import numpy as np
    import gudhi
    la = np.log(np.asarray(a, dtype=float).reshape(-1, 2))
    lb = np.log(np.asarray(b, dtype=float).reshape(-1, 2))
    return gudhi.bottleneck_distance(la, lb)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker")
    parser.add_argument("--clouds", default="torus")
    parser.add_argument("--sizes", default="2000,5000,20000")
    parser.add_argument("--eps", default="0.5,1.0")
    parser.add_argument("--tools", default="tda,gudhi")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tda-eval"))
    parser.add_argument("--workdir", help="where the CSV inputs are kept (default: a temp folder)")
    args = parser.parse_args()
    if args.worker:
        return worker(json.loads(args.worker))
    tools = args.tools.split(",")
    folder = args.workdir or tempfile.mkdtemp(prefix="sparse_rips_ratios_")
    print("| cloud | eps | tool | wall s (median) | process wall s | peak RSS MiB | H1 bars |")
    print("|---|---|---|---|---|---|---|")
    summary = []
    for kind in args.clouds.split(","):
        for n in (int(v) for v in args.sizes.split(",")):
            path = cloud_file(kind, n, folder)
            for eps in (float(v) for v in args.eps.split(",")):
                results = {tool: [] for tool in tools}
                for _ in range(args.runs):
                    for tool in tools:
                        results[tool].append(run(tool, path, eps, args))
                med = {t: {k: statistics.median(r[k] for r in results[t])
                           for k in ("wall", "process", "rss")} for t in tools}
                for t in tools:
                    print(f"| {kind} {n} | {eps} | {t} | {med[t]['wall']:.2f} "
                          f"| {med[t]['process']:.2f} | {med[t]['rss']:.0f} "
                          f"| {len(results[t][-1]['h1'])} |", flush=True)
                if "tda" in tools and "gudhi" in tools:
                    distance = log_bottleneck(results["tda"][-1]["h1"], results["gudhi"][-1]["h1"])
                    bound = 2 * -math.log1p(-eps) if eps < 1 else math.inf
                    summary.append(
                        f"{kind} {n}, eps {eps}: tda-eval process / GUDHI call = "
                        f"{med['tda']['wall'] / med['gudhi']['wall']:.3f}; / GUDHI process = "
                        f"{med['tda']['process'] / med['gudhi']['process']:.3f}; RSS ratio "
                        f"{med['tda']['rss'] / med['gudhi']['rss']:.3f}; H1 log-bottleneck "
                        f"between the tools {distance:.3f} (bound {bound:.3f}"
                        f"{'' if distance <= bound + 1e-9 else ' EXCEEDED'})")
    for line in summary:
        print(line)


if __name__ == "__main__":
    sys.exit(main())
