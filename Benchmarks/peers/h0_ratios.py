#!/usr/bin/env python3
"""H0 of large point clouds: `tda-eval rips --maxdim 0` against giotto-ph, side by side.

Inputs: n x d standard Gaussian points from numpy RandomState(0), written once as CSV with 17
significant digits (both tools read the same file). For each size and run, interleaved:
  * tda   -- the WHOLE `tda-eval rips FILE --maxdim 0 --json` process (start-up, parsing the CSV,
             the minimum spanning tree, the enclosing radius, printing);
  * gph2  -- gph.ripser_parallel(x, maxdim=0, n_threads=2): the library call only (numpy import
             and CSV parsing excluded), in a worker process whose whole wall time is also shown.
Peak RSS is that of the whole process, from /usr/bin/time -v. Medians over the runs. The finite
deaths of both tools are compared (giotto-ph computes in float32: relative differences of ~1e-7
are its rounding) and the bar counts must agree.

    python h0_ratios.py                                       # 20000 x 64, 1 run, both tools
    python h0_ratios.py --sizes 20000x64 --runs 3
    python h0_ratios.py --sizes 100000x64 --tools tda         # the peers need a 40 GB matrix

Build the binary first: swift build -c release --product tda-eval (at the repository root).
Use the peers' interpreter: Benchmarks/peers/.venv/bin/python (numpy, giotto-ph).
"""
import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from timed_process import run_timed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def cloud_file(n, d, folder):
    import numpy as np
    path = Path(folder) / f"gauss_{n}x{d}.csv"
    if not path.exists():
        x = np.random.RandomState(0).standard_normal((n, d))
        np.savetxt(path, x, fmt="%.17g", delimiter=",")
    return path


def worker(spec):
    """Runs giotto-ph on one file and prints {"wall", "finite", "essential"} as JSON."""
    import numpy as np
    from gph import ripser_parallel
    x = np.loadtxt(spec["file"], delimiter=",")
    t0 = time.perf_counter()
    res = ripser_parallel(x, maxdim=0, n_threads=2)
    wall = time.perf_counter() - t0
    dg = np.asarray(res["dgms"][0], dtype=float).reshape(-1, 2)
    inf = np.isinf(dg[:, 1])
    finite = np.sort(dg[~inf & (dg[:, 1] > dg[:, 0]), 1])
    print(json.dumps(dict(wall=wall, finite=finite.tolist(), essential=int(inf.sum()))))


def run(tool, path, args):
    if tool == "tda":
        cmd = [args.binary, "rips", str(path), "--maxdim", "0", "--json"]
    else:
        cmd = [sys.executable, __file__, "--worker", json.dumps(dict(file=str(path)))]
    stdout, process_wall, rss = run_timed(cmd, args.timeout, f"{tool} on {path.name}")
    if tool == "tda":
        pairs = json.loads(stdout)["diagrams"][0]["pairs"]
        finite = sorted(p[1] for p in pairs if p[1] is not None)
        essential = sum(1 for p in pairs if p[1] is None)
        return dict(wall=process_wall, process=process_wall, rss=rss, finite=finite,
                    essential=essential)
    out = json.loads(stdout.strip().splitlines()[-1])
    return dict(wall=out["wall"], process=process_wall, rss=rss, finite=out["finite"],
                essential=out["essential"])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker")
    parser.add_argument("--sizes", default="20000x64")
    parser.add_argument("--tools", default="tda,gph2")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1200)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tda-eval"))
    parser.add_argument("--workdir", help="where the CSV inputs are kept (default: a temp folder)")
    args = parser.parse_args()
    if args.worker:
        return worker(json.loads(args.worker))
    tools = args.tools.split(",")
    folder = args.workdir or tempfile.mkdtemp(prefix="h0_ratios_")
    print("| n x d | tool | wall s (median) | process wall s | peak RSS MiB | bars finite + essential |")
    print("|---|---|---|---|---|---|")
    summary = []
    for size in args.sizes.split(","):
        n, d = (int(v) for v in size.split("x"))
        path = cloud_file(n, d, folder)
        results = {tool: [] for tool in tools}
        for _ in range(args.runs):
            for tool in tools:
                results[tool].append(run(tool, path, args))
        med = {t: {k: statistics.median(r[k] for r in results[t])
                   for k in ("wall", "process", "rss")} for t in tools}
        for t in tools:
            last = results[t][-1]
            print(f"| {n} x {d} | {t} | {med[t]['wall']:.2f} | {med[t]['process']:.2f} "
                  f"| {med[t]['rss']:.0f} | {len(last['finite'])} + {last['essential']} |")
        if "tda" in tools and "gph2" in tools:
            a, b = results["tda"][-1], results["gph2"][-1]
            agree = len(a["finite"]) == len(b["finite"]) and a["essential"] == b["essential"]
            worst = max((abs(x - y) / max(abs(y), 1e-300)
                         for x, y in zip(a["finite"], b["finite"])), default=0.0)
            summary.append(
                f"{n} x {d}: tda-eval process / giotto-ph call = "
                f"{med['tda']['wall'] / med['gph2']['wall']:.3f}; "
                f"/ giotto-ph process = {med['tda']['process'] / med['gph2']['process']:.3f}; "
                f"RSS ratio {med['tda']['rss'] / med['gph2']['rss']:.3f}; bar counts "
                f"{'agree' if agree else 'DIFFER'}; largest relative death difference {worst:.2e}")
    for line in summary:
        print(line)


if __name__ == "__main__":
    sys.exit(main())
