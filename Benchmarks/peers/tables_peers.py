#!/usr/bin/env python3
"""Timings of the mixed-table peers, whole processes, and optionally `tda-eval` on the same CSV
files side by side: how long the Python tools take to compute Gower distances and the distance to
the closest record (DCR) between a real and a synthetic table of n rows each.

Data: n rows, 20 numeric columns x0..x19 with x_i ~ N(0, (i+1)^2) and 10 categorical columns
c0..c9, c_j with j+3 equally likely levels (3..12) written as text "L0", "L1", ...; the real sample
from numpy RandomState(0), the synthetic one from RandomState(1) (same distribution). Column order
x0..x19, c0..c9.

Peers (each in a fresh Python process; its whole wall time is measured, import and data
generation included; the call alone is reported as well):
  gower       gower.gower_matrix(synth, real)   (PyPI `gower` 0.1.2, the n x n float32 matrix), the
              call a user of the package makes. Caution: when both frames have the same number of
              rows the package assumes gower_matrix(X) and fills only the upper triangle (j >= i),
              mirroring it, so it evaluates n(n+1)/2 pairs and the lower triangle is wrong
              (d(synth j, real i) in place of d(synth i, real j)).
  gower-full  the same package made to compute all n^2 pairs: the synthetic frame gets a copy of
              its own first row appended (row counts differ, ranges unchanged: they come from the
              union of both frames), and that extra output row is dropped.
  dcr    sdmetrics.single_table.DCRBaselineProtection.compute_breakdown(real, synth,
         metadata={"tables": {"t": {"columns": {...}}}}, table_name="t", num_rows_subsample=None)
  quality  sdmetrics.reports.single_table.QualityReport().generate(real, synth, metadata,
           verbose=False) (column shapes and column pair trends; compare with `tda-eval fidelity`,
           --template "{binary} fidelity {real} {synth} --json"). Not part of --peer all.
Peak RSS is that process's maximum resident set (/usr/bin/time %M, i.e. getrusage ru_maxrss;
the child also reports its own resource.getrusage), wall time from the parent, CPU time the
process's user + system time (/usr/bin/time %U + %S; all threads), which a loaded machine
distorts less than the wall time.
With --tda-eval PATH the command --template (default below) is timed the same way on the CSV
files and each peer gets a ratio tda-eval / peer (below 1: tda-eval is faster). Peers then read
the same CSV files (pandas.read_csv) instead of generating the frames in memory.

Setup:  python3 -m venv .venv-tables && .venv-tables/bin/pip install numpy pandas gower sdmetrics
Run:    .venv-tables/bin/python Benchmarks/peers/tables_peers.py --n 5000 --peer gower
        .venv-tables/bin/python Benchmarks/peers/tables_peers.py --n 5000 --peer gower-full
        .venv-tables/bin/python Benchmarks/peers/tables_peers.py --n 1000 --peer dcr
        .venv-tables/bin/python Benchmarks/peers/tables_peers.py --n 50000 --peer quality \
            --tda-eval .build/release/tda-eval --template "{binary} fidelity {real} {synth} --json"
        .venv-tables/bin/python Benchmarks/peers/tables_peers.py --n 5000 --tda-eval .build/release/tda-eval
        .venv-tables/bin/python Benchmarks/peers/tables_peers.py --write /tmp/tables --n 5000   (CSV only)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TEMPLATE = "{binary} metrics {real} {synth} --distance gower --json"

# The frame builder, shared by this script and the child processes (exec'd there).
FRAMES = r"""
import numpy as np
import pandas as pd

N_NUMERIC, N_CATEGORICAL = 20, 10


def make_frame(n, seed):
    rs = np.random.RandomState(seed)
    data = {}
    for i in range(N_NUMERIC):
        data[f"x{i}"] = rs.normal(0.0, i + 1.0, n)
    for j in range(N_CATEGORICAL):
        levels = np.array([f"L{v}" for v in range(j + 3)], dtype=object)
        data[f"c{j}"] = levels[rs.randint(0, j + 3, n)]
    return pd.DataFrame(data)


def sdmetrics_metadata():
    columns = {f"x{i}": {"sdtype": "numerical"} for i in range(N_NUMERIC)}
    columns.update({f"c{j}": {"sdtype": "categorical"} for j in range(N_CATEGORICAL)})
    return {"columns": columns}
"""

PEER_CHILD = FRAMES + r"""
import json, resource, sys, time
peer, n, real_csv, synth_csv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if real_csv:
    real, synth = pd.read_csv(real_csv), pd.read_csv(synth_csv)
else:
    real, synth = make_frame(n, 0), make_frame(n, 1)
if peer in ("gower", "gower-full"):
    import gower
    start = time.perf_counter()
    if peer == "gower":
        matrix = gower.gower_matrix(synth, real)
    else:
        padded = pd.concat([synth, synth.iloc[:1]], ignore_index=True)
        matrix = gower.gower_matrix(padded, real)[:-1]
    seconds = time.perf_counter() - start
    dcr = matrix.min(axis=1).astype(float)
    value = {"dcr_median": float(np.median(dcr)), "dcr_mean": float(dcr.mean())}
elif peer == "quality":
    import warnings
    warnings.filterwarnings("ignore")
    from sdmetrics.reports.single_table import QualityReport
    start = time.perf_counter()
    report = QualityReport()
    report.generate(real, synth, sdmetrics_metadata(), verbose=False)
    seconds = time.perf_counter() - start
    properties = report.get_properties().set_index("Property")["Score"]
    value = {"quality": float(report.get_score()),
             "column_shapes": float(properties["Column Shapes"]),
             "column_pair_trends": float(properties["Column Pair Trends"])}
else:
    import warnings
    warnings.filterwarnings("ignore")
    from sdmetrics.single_table import DCRBaselineProtection
    metadata = {"tables": {"t": sdmetrics_metadata()}}
    start = time.perf_counter()
    result = DCRBaselineProtection.compute_breakdown(real, synth, metadata, table_name="t",
                                                     num_rows_subsample=None)
    seconds = time.perf_counter() - start
    value = {k: (float(v) if isinstance(v, (int, float, np.floating)) else
                 {kk: float(vv) for kk, vv in v.items()} if isinstance(v, dict) else str(v))
             for k, v in result.items()}
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"call_s": seconds, "rss_mib": rss, "value": value}))
"""


def make_frame(n, seed):
    scope = {}
    exec(FRAMES, scope)
    return scope["make_frame"](n, seed)


def write_csv(directory, n):
    """Writes real.csv / synth.csv for n rows (full float precision) once; returns the paths."""
    os.makedirs(directory, exist_ok=True)
    real_path = os.path.join(directory, f"tables_n{n}_real.csv")
    synth_path = os.path.join(directory, f"tables_n{n}_synth.csv")
    for path, seed in ((real_path, 0), (synth_path, 1)):
        if not os.path.exists(path):
            make_frame(n, seed).to_csv(path, index=False, float_format="%.17g")
    return real_path, synth_path


def run_process(command):
    """Runs command as a whole process under /usr/bin/time; returns (wall s, peak RSS MiB of that
    process, stdout, CPU s = user + system of that process and its threads). (/usr/bin/time rather than os.wait4 on our own child: Linux carries the peak
    RSS of the forking Python process over exec, which would inflate small processes.)"""
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        code = subprocess.run(["/usr/bin/time", "-f", "%M %U %S"] + command, stdout=out,
                              stderr=err).returncode
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        errors = err.read().strip()
        if code != 0:
            raise RuntimeError(f"{command[0]} failed ({code}): {errors[-600:]}")
        rss, user, system = errors.splitlines()[-1].split()
        return wall, int(rss) / 1024.0, out.read(), float(user) + float(system)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="rows in each sample (default 5000)")
    parser.add_argument("--peer", choices=["gower", "gower-full", "dcr", "quality", "all", "none"],
                        default="all", help="all = gower, gower-full, dcr")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--write", metavar="DIR", help="only write the two CSV files into DIR and exit")
    parser.add_argument("--from-csv", action="store_true",
                        help="peers read the CSV files (implied by --tda-eval) instead of generating the frames")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "tda-eval-tables-bench"))
    parser.add_argument("--tda-eval", dest="binary", metavar="PATH",
                        help="also time this tda-eval binary (e.g. .build/release/tda-eval)")
    parser.add_argument("--template", default=DEFAULT_TEMPLATE,
                        help="tda-eval command; {binary}, {real}, {synth} are substituted "
                             f"(default: {DEFAULT_TEMPLATE!r})")
    args = parser.parse_args()

    if args.write:
        real, synth = write_csv(args.write, args.n)
        print(real)
        print(synth)
        return

    use_csv = args.from_csv or args.binary is not None
    real_csv, synth_csv = write_csv(args.workdir, args.n) if use_csv else ("", "")
    peers = ["gower", "gower-full", "dcr"] if args.peer == "all" else [] if args.peer == "none" else [args.peer]
    rows = []
    ours = None
    if args.binary:
        command = args.template.format(binary=args.binary, real=real_csv, synth=synth_csv).split()
        runs = [run_process(command) for _ in range(args.repeats)]
        ours = dict(tool="tda-eval", command=" ".join(command), wall_s=statistics.median(r[0] for r in runs),
                    cpu_s=statistics.median(r[3] for r in runs), rss_mib=max(r[1] for r in runs))
        try:
            parsed = json.loads(runs[-1][2])
            ours["value"] = {k: parsed[k] for k in ("dcr", "distance_to_closest_record", "quality",
                                                       "column_shapes", "column_pair_trends")
                              if k in parsed}
        except (ValueError, TypeError):
            pass
        rows.append(ours)
        print(json.dumps(ours), flush=True)
    for peer in peers:
        runs = []
        for _ in range(args.repeats):
            wall, rss, out, cpu = run_process([sys.executable, "-c", PEER_CHILD, peer, str(args.n), real_csv,
                                               synth_csv])
            child = json.loads(out.strip().splitlines()[-1])
            runs.append((wall, rss, child, cpu))
        row = dict(tool=peer, wall_s=statistics.median(r[0] for r in runs),
                   cpu_s=statistics.median(r[3] for r in runs),
                   call_s=statistics.median(r[2]["call_s"] for r in runs),
                   rss_mib=max(r[1] for r in runs), value=runs[-1][2]["value"])
        if ours:
            row["ratio"] = ours["wall_s"] / row["wall_s"]
            row["cpu_ratio"] = ours["cpu_s"] / row["cpu_s"]
        rows.append(row)
        print(json.dumps(row), flush=True)

    print()
    print(f"n = {args.n} vs {args.n}, {'CSV input' if use_csv else 'frames generated in the process'}, "
          f"median of {args.repeats} run(s)")
    print("| tool | wall s (process) | CPU s (process) | call s | peak RSS MiB "
          "| tda-eval ÷ peer (wall) | tda-eval ÷ peer (CPU) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        call = "%.2f" % r["call_s"] if "call_s" in r else "–"
        ratio = "%.3f" % r["ratio"] if "ratio" in r else "–"
        cpu_ratio = "%.3f" % r["cpu_ratio"] if "cpu_ratio" in r else "–"
        print(f"| {r['tool']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {call} | {r['rss_mib']:.0f} "
              f"| {ratio} | {cpu_ratio} |")


if __name__ == "__main__":
    main()
