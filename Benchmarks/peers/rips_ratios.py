#!/usr/bin/env python3
"""tda-eval rips against giotto-ph (2 threads) and ripser (pip), side by side, as ratios.

For each of the six cases of issue 4 it times, interleaved over the tools (run 1 of every tool,
then run 2, ...), each run a fresh process:
  * tda     -- the WHOLE `tda-eval rips ... --json` process (start-up, parsing, computing, printing);
  * gph2    -- gph.ripser_parallel(..., n_threads=2): the library call only (imports and parsing
               excluded), in a plain worker process;
  * ripser  -- ripser.ripser(...): the library call only, same worker.
Peak RSS is that of the whole process, from /usr/bin/time -v. Every figure is a median over the
runs. The bar counts (finite+essential per dimension, zero-length bars not counted) of the tools
are compared and any disagreement is flagged.

    python rips_ratios.py                                   # all six cases, 3 runs
    python rips_ratios.py --cases sphere_3_192,o3_1024 --runs 5 --tools tda,gph2
    python rips_ratios.py --ripser-runs 1                   # ripser.py in the first round only
    python rips_ratios.py --binary ../../.build/release/tda-eval --data RIPSER_EXAMPLES_DIR

Build the binary first: swift build -c release --product tda-eval (at the repository root).
Use the peers' interpreter: Benchmarks/peers/.venv/bin/python (numpy, ripser, giotto-ph).
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timed_process import run_timed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# Ripser's example files (its examples/ folder), from --data or $RIPSER_EXAMPLES.
DEFAULT_DATA = os.environ.get("RIPSER_EXAMPLES")

# name, file (None: synthetic torus), ripser format, maxdim, threshold, modulus
CASES = [
    ("sphere_3_192", "sphere_3_192.lower_distance_matrix", "lower-distance", 2, None, 2),
    ("o3_1024", "o3_1024.txt", "point-cloud", 3, 1.8, 2),
    ("o3_4096", "o3_4096.txt", "point-cloud", 3, 1.4, 2),
    ("rp2_600_p3", "rp2_600.lower_distance_matrix.csv", "lower-distance", 2, None, 3),
    ("cyclooctane", "pointsCycloOctane.csv", "point-cloud", 2, 0.5, 2),
    ("torus_2000_d2_t1.6", None, "point-cloud", 2, 1.6, 2),
]

_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def torus_points(n=2000):
    """A noisy torus (R = 2, r = 1, sd 0.05, seed 2000 + n)."""
    import numpy as np
    rng = np.random.default_rng(2000 + n)
    u = rng.random(n) * 2 * math.pi
    v = rng.random(n) * 2 * math.pi
    pts = np.stack([(2 + np.cos(v)) * np.cos(u), (2 + np.cos(v)) * np.sin(u), np.sin(v)], axis=1)
    return pts + rng.normal(0.0, 0.05, size=pts.shape)


def load(case, data):
    """(X, is_distance_matrix) for the Python peers."""
    import numpy as np
    name, file, fmt, *_ = case
    if file is None:
        return torus_points(), False
    text = (Path(data) / file).read_text()
    if fmt == "lower-distance":
        vals = np.array([float(x) for x in _NUM.findall(text)])
        n = int(round((1 + math.sqrt(1 + 8 * len(vals))) / 2))
        d = np.zeros((n, n))
        d[np.tril_indices(n, -1)] = vals
        return d + d.T, True
    rows = [[float(x) for x in _NUM.findall(line)] for line in text.splitlines()]
    return np.array([r for r in rows if r]), False


def count_bars(dgms):
    import numpy as np
    out = []
    for dg in dgms:
        dg = np.asarray(dg, dtype=float).reshape(-1, 2)
        inf = np.isinf(dg[:, 1])
        out.append([int(((~inf) & (dg[:, 1] > dg[:, 0])).sum()), int(inf.sum())])
    return out


def worker(spec):
    """Runs one peer call and prints {"wall", "bars"} as JSON."""
    import numpy as np
    case = next(c for c in CASES if c[0] == spec["case"])
    _, _, _, maxdim, thresh, coeff = case
    x, is_dm = load(case, spec["data"])
    thresh = np.inf if thresh is None else thresh
    if spec["tool"] == "gph2":
        from gph import ripser_parallel
        t0 = time.perf_counter()
        res = ripser_parallel(x, maxdim=maxdim, thresh=thresh, coeff=coeff,
                              metric="precomputed" if is_dm else "euclidean", n_threads=2)
    else:
        from ripser import ripser
        t0 = time.perf_counter()
        res = ripser(x, maxdim=maxdim, thresh=thresh, coeff=coeff, distance_matrix=is_dm)
    wall = time.perf_counter() - t0
    print(json.dumps(dict(wall=wall, bars=count_bars(res["dgms"]))))


def run_tool(tool, case, args, torus_file):
    name, file, fmt, maxdim, thresh, coeff = case
    if tool == "tda":
        path = torus_file if file is None else str(Path(args.data) / file)
        cmd = [args.binary, "rips", path, "--input-format", "csv" if file is None else fmt,
               "--maxdim", str(maxdim), "--coeff", str(coeff), "--json"]
        if thresh is not None:
            cmd += ["--threshold", str(thresh)]
    else:
        spec = json.dumps(dict(tool=tool, case=name, data=str(args.data)))
        cmd = [sys.executable, __file__, "--worker", spec]
    stdout, wall, rss = run_timed(cmd, args.timeout, f"{tool} on {name}")
    if tool == "tda":
        report = json.loads(stdout)
        bars = [[sum(1 for p in d["pairs"] if p[1] is not None),
                 sum(1 for p in d["pairs"] if p[1] is None)] for d in report["diagrams"]]
        return dict(wall=wall, rss=rss, bars=bars)
    out = json.loads(stdout.strip().splitlines()[-1])
    return dict(wall=out["wall"], rss=rss, bars=out["bars"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker")
    parser.add_argument("--cases", default=",".join(c[0] for c in CASES))
    parser.add_argument("--tools", default="tda,gph2,ripser")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ripser-runs", type=int, default=None,
                        help="run ripser.py only in the first N rounds (it is 2-6x slower)")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "tda-eval"))
    parser.add_argument("--data", default=DEFAULT_DATA, required=DEFAULT_DATA is None,
                        help="folder of Ripser's example files (default: $RIPSER_EXAMPLES)")
    parser.add_argument("--json", help="also write the raw results here")
    args = parser.parse_args()
    if args.worker:
        worker(json.loads(args.worker))
        return
    tools = args.tools.split(",")
    names = args.cases.split(",")
    cases = [c for c in CASES if c[0] in names]
    with tempfile.TemporaryDirectory() as tmp:
        torus_file = os.path.join(tmp, "torus_2000.csv")
        with open(torus_file, "w") as f:
            for p in torus_points():
                f.write(",".join(repr(float(v)) for v in p) + "\n")
        results = {}
        for case in cases:
            runs = {tool: [] for tool in tools}
            for round_ in range(args.runs):
                for tool in tools:
                    if tool == "ripser" and args.ripser_runs is not None and round_ >= args.ripser_runs:
                        continue
                    try:
                        runs[tool].append(run_tool(tool, case, args, torus_file))
                    except (RuntimeError, subprocess.TimeoutExpired) as error:
                        print(f"# {error}", file=sys.stderr)
            results[case[0]] = runs
            summary = {t: (statistics.median(r["wall"] for r in rs), statistics.median(r["rss"] for r in rs),
                           rs[0]["bars"]) for t, rs in runs.items() if rs}
            bars = {t: s[2] for t, s in summary.items()}
            agree = len({json.dumps(b) for b in bars.values()}) <= 1
            print(f"# {case[0]}: " + "; ".join(f"{t} {s[0]:.2f} s {s[1]:.0f} MiB" for t, s in summary.items())
                  + ("" if agree else f"  BARS DIFFER: {bars}"), flush=True)
    print()
    header = "| case | tda-eval (whole process) | giotto-ph 2 threads (call) | time ratio | tda-eval peak RSS | giotto-ph peak RSS | RSS ratio | ripser.py (call) | ratio | bars agree |"
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    for name, runs in results.items():
        def med(tool, key):
            rs = runs.get(tool) or []
            return statistics.median(r[key] for r in rs) if rs else float("nan")
        t, g, r = med("tda", "wall"), med("gph2", "wall"), med("ripser", "wall")
        tm, gm = med("tda", "rss"), med("gph2", "rss")
        bars = {json.dumps(rs[0]["bars"]) for rs in runs.values() if rs}
        print(f"| {name} | {t:.2f} s | {g:.2f} s | {t / g:.2f} | {tm:.0f} MiB | {gm:.0f} MiB | {tm / gm:.2f} | "
              f"{r:.2f} s | {t / r:.2f} | {'yes' if len(bars) == 1 else 'NO'} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
