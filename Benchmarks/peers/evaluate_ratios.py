#!/usr/bin/env python3
"""Times `tda-eval evaluate` against the same pipeline assembled from the peer tools, in one run.

The peer pipeline is what a Python user would write for the same report: ripser (Rips diagrams to
H1 of both samples), GUDHI's bottleneck and Wasserstein-1/2 distances (POT underneath) per
dimension, prdc (precision, recall, density, coverage; k = 5) and scipy's gaussian_kde (Scott's
rule) in both directions. tda-eval runs `evaluate --skip gscore --bins 0` with Rips on every point
(`--persistence-points n`), so both sides compute the same metrics on the same CSV files (the
geometry score and NDB/K have no packaged peer). Both are timed end to end as processes (reading
the CSVs, interpreter start-up and imports included): median wall time of several runs and peak
resident memory from /usr/bin/time -v. The peer worker also reports its in-process compute time
(imports and CSV reading excluded) so start-up cost can be told apart.

Usage:
  swift build -c release --product tda-eval
  Benchmarks/peers/.venv/bin/python Benchmarks/peers/evaluate_ratios.py [--sizes 500 1000] [--runs 3]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TDA_EVAL = os.path.join(ROOT, ".build", "release", "tda-eval")


def worker(real_path, synth_path):
    """The peer pipeline; prints its in-process compute seconds."""
    import numpy as np
    import gudhi
    import gudhi.wasserstein
    import prdc
    from ripser import ripser
    from scipy.stats import gaussian_kde

    real = np.loadtxt(real_path, delimiter=",", ndmin=2)
    synth = np.loadtxt(synth_path, delimiter=",", ndmin=2)
    start = time.perf_counter()
    dr = ripser(real, maxdim=1)["dgms"]
    ds = ripser(synth, maxdim=1)["dgms"]
    for k in range(2):
        gudhi.bottleneck_distance(dr[k], ds[k])
        for q in (1, 2):
            gudhi.wasserstein.wasserstein_distance(dr[k], ds[k], order=q, internal_p=np.inf,
                                                   keep_essential_parts=True)
    prdc.compute_prdc(real, synth, nearest_k=5)
    gaussian_kde(real.T).logpdf(synth.T).mean()
    gaussian_kde(synth.T).logpdf(real.T).mean()
    print(f"compute_seconds {time.perf_counter() - start:.6f}")


def timed(command):
    """Wall seconds, peak RSS in MB and stdout of one run under /usr/bin/time -v."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return wall, peak / 1024, result.stdout


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", default="torus")
    args = parser.parse_args()
    if not os.path.exists(TDA_EVAL):
        sys.exit("build first: swift build -c release --product tda-eval")
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for n in args.sizes:
            real = os.path.join(directory, f"real{n}.csv")
            synth = os.path.join(directory, f"synth{n}.csv")
            subprocess.run([TDA_EVAL, "generate", args.base, "--failure", "noise", "--sigma", "0.1",
                            "--n", str(n), "--seed", "1", "--real", real, "--out", synth], check=True)
            ours = [timed([TDA_EVAL, "evaluate", real, synth, "--skip", "gscore", "--bins", "0",
                           "--persistence-points", str(n), "--json"]) for _ in range(args.runs)]
            peers = [timed([sys.executable, __file__, "--worker", real, synth])
                     for _ in range(args.runs)]
            our_wall = statistics.median(r[0] for r in ours)
            peer_wall = statistics.median(r[0] for r in peers)
            peer_compute = statistics.median(
                float(re.search(r"compute_seconds (\S+)", r[2]).group(1)) for r in peers)
            our_peak = max(r[1] for r in ours)
            peer_peak = max(r[1] for r in peers)
            rows.append((n, our_wall, peer_wall, peer_compute, our_wall / peer_wall,
                         our_wall / peer_compute, our_peak, peer_peak, our_peak / peer_peak))
    print(f"# {args.base} + noise 0.1, d = 3, Rips to H1 on all points, median of {args.runs} runs")
    print("| n | tda-eval s | peers s (process) | peers s (compute only) | ratio (process) "
          "| ratio (vs compute) | tda-eval MB | peers MB | memory ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r[0]} | {r[1]:.3f} | {r[2]:.3f} | {r[3]:.3f} | {r[4]:.2f} | {r[5]:.2f} "
              f"| {r[6]:.0f} | {r[7]:.0f} | {r[8]:.2f} |")


if __name__ == "__main__":
    main()
