#!/usr/bin/env python3
"""Side-by-side timings: `tda-eval metrics` / `tda-eval kde` (release binary) against
prdc.compute_prdc and scikit-learn's KernelDensity, on identical generated inputs.

Data: real ~ N(0, I_d) from numpy
RandomState(0), synthetic ~ N(0, I_d) from RandomState(1), float64, n points each,
written once as CSV (for tda-eval, full precision) and .npy (for the peers).

What is timed
  tda-eval  the whole process (`/usr/bin/time`): reading both CSV files, the three exact
            k-NN passes, precision/recall/density/coverage, realism and the distance to the
            closest record (`metrics --k 5 --bins 0 --json`); for kde both directions with
            the same fixed bandwidth h = n^(-1/(d+4)) (`kde --bandwidth h --json`); for the
            ndb suite the default `metrics --json` (NDB/K with 20 k-means bins) and the same
            with `--bins 0`, interleaved.
  prdc      only the call prdc.compute_prdc(real, fake, nearest_k=5) in a fresh process
            (loading the .npy files is not timed); peak RSS of that process.
  sklearn   only KernelDensity(bandwidth=h).fit(real).score_samples(fake) and the reverse
            direction (default algorithm/atol/rtol = its "exact" mode), in a fresh process.
  prdc+kmeans  (ndb suite) compute_prdc as above, then KMeans(n_clusters=20, n_init=1,
            random_state=0).fit(real) and .predict(synth), the NDB/K work; the KMeans part is
            also timed alone and compared with tda-eval's default run minus its `--bins 0` run.
Every figure is the median of --repeats runs; the ratio is tda-eval time / peer time
(below 1: tda-eval is faster), as in peers/README.md; "speed-up" is its inverse. prdc is skipped where its n x n matrices would not fit
(~ 16 n^2 bytes; BENCH.md measured 1.65 GB at n = 10 000).

Build first:  swift build -c release --product tda-eval
Run:          Benchmarks/peers/.venv/bin/python Benchmarks/peers/metrics_ratios.py
              [--binary .build/release/tda-eval] [--repeats 3] [--suite metrics|kde|ndb|all]
              [--large | --only-large]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def make_inputs(directory, n, d):
    base = os.path.join(directory, f"n{n}_d{d}")
    if not os.path.exists(base + "_synth.csv"):
        real = np.random.RandomState(0).normal(size=(n, d))
        synth = np.random.RandomState(1).normal(size=(n, d))
        for tag, array in (("real", real), ("synth", synth)):
            np.save(f"{base}_{tag}.npy", array)
            np.savetxt(f"{base}_{tag}.csv", array, delimiter=",", fmt="%.17g")
    return base


def run_timed(command):
    """Runs command under /usr/bin/time; returns (wall s, peak RSS MiB, stdout, CPU s)."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[-400:]}")
    rss_kib, user, system = result.stderr.strip().splitlines()[-1].split()
    return wall, int(rss_kib) / 1024.0, result.stdout, float(user) + float(system)


PEER_CHILD = r"""
import contextlib, io, json, os, resource, sys, time
import numpy as np
kind, base, k_or_h = sys.argv[1], sys.argv[2], float(sys.argv[3])
real = np.load(base + "_real.npy"); synth = np.load(base + "_synth.npy")
def cpu():
    times = os.times()
    return times.user + times.system
if kind == "prdc":
    from prdc import compute_prdc
    c = cpu()
    t = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        value = compute_prdc(real_features=real, fake_features=synth, nearest_k=int(k_or_h))
    seconds = time.perf_counter() - t
    value = {key: float(v) for key, v in value.items()}
elif kind == "prdc+kmeans":
    from prdc import compute_prdc
    from sklearn.cluster import KMeans
    c = cpu()
    t = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        value = compute_prdc(real_features=real, fake_features=synth, nearest_k=5)
    middle = time.perf_counter()
    model = KMeans(n_clusters=int(k_or_h), n_init=1, random_state=0).fit(real)
    bins = np.bincount(model.predict(synth), minlength=int(k_or_h))
    seconds = time.perf_counter() - t
    value = {key: float(v) for key, v in value.items()}
    value.update(kmeans_s=time.perf_counter() - middle, kmeans_iterations=int(model.n_iter_))
else:
    from sklearn.neighbors import KernelDensity
    c = cpu()
    t = time.perf_counter()
    a = KernelDensity(bandwidth=k_or_h).fit(real).score_samples(synth).mean()
    b = KernelDensity(bandwidth=k_or_h).fit(synth).score_samples(real).mean()
    seconds = time.perf_counter() - t
    value = {"synth_given_real": float(a), "real_given_synth": float(b)}
cpu_seconds = cpu() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"seconds": seconds, "cpu_s": cpu_seconds, "rss_mib": rss, "value": value}))
"""


def run_peer(kind, base, parameter):
    result = subprocess.run([sys.executable, "-c", PEER_CHILD, kind, base, str(parameter)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} failed: {result.stderr.strip()[-400:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def median_runs(function, repeats):
    runs = [function() for _ in range(repeats)]
    return runs, statistics.median(r[0] for r in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "tda-eval"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only-large", action="store_true", help="only the large tda-eval runs")
    parser.add_argument("--suite", choices=["metrics", "kde", "ndb", "all"], default="all")
    parser.add_argument("--large", action="store_true",
                        help="also 50 000 x 50 000 in d = 64 and 200 000 x 200 000 in d = 16 (tda-eval only, 1 run)")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "tda-eval-metrics-bench"))
    parser.add_argument("--prdc-limit-gib", type=float, default=20.0)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)

    rows = []
    metric_cases = [] if args.only_large or args.suite in ("kde", "ndb") else [(1000, 64), (10000, 2), (10000, 16), (10000, 64)]
    if args.large or args.only_large:
        metric_cases += [(50000, 64), (200000, 16)]
    for n, d in metric_cases:
        base = make_inputs(args.workdir, n, d)
        repeats = args.repeats if n <= 10000 else 1
        ours_runs, ours = median_runs(
            lambda: run_timed([args.binary, "metrics", base + "_real.csv", base + "_synth.csv",
                               "--k", "5", "--bins", "0", "--json"]), repeats)
        ours_value = json.loads(ours_runs[-1][2])
        row = dict(task="prdc k=5", n=n, d=d, ours_s=ours, ours_rss_mib=max(r[1] for r in ours_runs),
                   ours_cpu_s=statistics.median(r[3] for r in ours_runs),
                   ours_value={key: ours_value[key] for key in ("precision", "recall", "density", "coverage")})
        if 16 * n * n <= args.prdc_limit_gib * 2**30:
            peer = [run_peer("prdc", base, 5) for _ in range(repeats)]
            row.update(peer_s=statistics.median(p["seconds"] for p in peer),
                       peer_cpu_s=statistics.median(p["cpu_s"] for p in peer),
                       peer_rss_mib=max(p["rss_mib"] for p in peer), peer_value=peer[-1]["value"])
            row["ratio"] = ours / row["peer_s"]
        else:
            row["peer_s"] = "skipped: needs ~%.0f GiB" % (16 * n * n / 2**30)
        rows.append(row)
        print(json.dumps(row), flush=True)

    for n, d in [] if args.only_large or args.suite not in ("ndb", "all") else [(10000, 64)]:
        # The default `metrics` (NDB/K with K = 20 bins included) against prdc + scikit-learn's
        # KMeans(20, n_init=1) fitted to the real sample and predicting the synthetic one; the
        # k-means alone: tda-eval's default run minus its `--bins 0` run, against the KMeans call.
        base = make_inputs(args.workdir, n, d)
        both = []
        for _ in range(args.repeats):  # interleaved, so both see the same load
            both.append((run_timed([args.binary, "metrics", base + "_real.csv", base + "_synth.csv",
                                    "--json"]),
                         run_timed([args.binary, "metrics", base + "_real.csv", base + "_synth.csv",
                                    "--bins", "0", "--json"])))
        ours = statistics.median(r[0][0] for r in both)
        without = statistics.median(r[1][0] for r in both)
        peer = [run_peer("prdc+kmeans", base, 20) for _ in range(args.repeats)]
        kmeans = statistics.median(p["value"]["kmeans_s"] for p in peer)
        row = dict(task="metrics with NDB/K (K = 20) vs prdc + KMeans", n=n, d=d, ours_s=ours,
                   ours_rss_mib=max(r[0][1] for r in both),
                   ours_cpu_s=statistics.median(r[0][3] for r in both),
                   ours_without_bins_s=without,
                   peer_s=statistics.median(p["seconds"] for p in peer),
                   peer_cpu_s=statistics.median(p["cpu_s"] for p in peer),
                   peer_rss_mib=max(p["rss_mib"] for p in peer), peer_kmeans_s=kmeans,
                   peer_iterations=peer[-1]["value"]["kmeans_iterations"])
        row["ratio"] = ours / row["peer_s"]
        row["kmeans_ratio"] = (ours - without) / kmeans
        rows.append(row)
        print(json.dumps(row), flush=True)

    for n, d in [] if args.only_large or args.suite in ("metrics", "ndb") else [(10000, 2), (10000, 8)]:
        base = make_inputs(args.workdir, n, d)
        h = n ** (-1.0 / (d + 4))
        ours_runs, ours = median_runs(
            lambda: run_timed([args.binary, "kde", base + "_real.csv", base + "_synth.csv",
                               "--bandwidth", repr(h), "--json"]), args.repeats)
        ours_value = json.loads(ours_runs[-1][2])
        peer = [run_peer("kde", base, h) for _ in range(args.repeats)]
        row = dict(task="kde both ways", n=n, d=d, h=h, ours_s=ours, ours_rss_mib=max(r[1] for r in ours_runs),
                   ours_cpu_s=statistics.median(r[3] for r in ours_runs),
                   peer_cpu_s=statistics.median(p["cpu_s"] for p in peer),
                   ours_value={key: ours_value[key] for key in ("synth_given_real", "real_given_synth")},
                   peer_s=statistics.median(p["seconds"] for p in peer),
                   peer_rss_mib=max(p["rss_mib"] for p in peer), peer_value=peer[-1]["value"])
        row["ratio"] = ours / row["peer_s"]
        rows.append(row)
        print(json.dumps(row), flush=True)

    print()
    print("| task | n | d | tda-eval wall s (process) | CPU s | peak RSS MiB | peer wall s (call) | CPU s "
          "| peak RSS MiB | tda-eval ÷ peer (wall) | speed-up (wall) | tda-eval ÷ peer (CPU) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        peer = r["peer_s"] if isinstance(r["peer_s"], str) else "%.2f" % r["peer_s"]
        peer_rss = "%.0f" % r["peer_rss_mib"] if "peer_rss_mib" in r else "–"
        ratio = "%.3f" % r["ratio"] if "ratio" in r else "–"
        speedup = "%.1f×" % (1 / r["ratio"]) if "ratio" in r else "–"
        peer_cpu = "%.2f" % r["peer_cpu_s"] if "peer_cpu_s" in r else "–"
        cpu_ratio = "%.3f" % (r["ours_cpu_s"] / r["peer_cpu_s"]) if "peer_cpu_s" in r else "–"
        print(f"| {r['task']} | {r['n']} | {r['d']} | {r['ours_s']:.2f} | {r['ours_cpu_s']:.2f} | {r['ours_rss_mib']:.0f} "
              f"| {peer} | {peer_cpu} | {peer_rss} | {ratio} | {speedup} | {cpu_ratio} |")
    for r in rows:
        if "kmeans_ratio" in r:
            print(f"\nk-means alone, n = {r['n']}, d = {r['d']}: tda-eval {r['ours_s'] - r['ours_without_bins_s']:.3f} s "
                  f"(default run {r['ours_s']:.3f} s − `--bins 0` run {r['ours_without_bins_s']:.3f} s), "
                  f"scikit-learn KMeans(20, n_init=1) fit + predict {r['peer_kmeans_s']:.3f} s "
                  f"({r['peer_iterations']} iterations): ratio {r['kmeans_ratio']:.2f}")


if __name__ == "__main__":
    main()
