#!/usr/bin/env python3
"""Cost of exactness in `tda-eval rips`: coefficients in Q against Z/2, and 128-bit / GMP simplex
indices against 64-bit ones, on the same inputs in one run, as ratios.

Issue 8's budgets: Q at most 5x the Z/2 time on sphere_3_192 and rp2_600 (dimension 2); the
wide-index path at most 1.3x the 64-bit path where both apply. The GMP-index path has no budget
and is shown for information (sphere_3_192 only; it allocates on every index operation).

Every configuration runs the release binary as a whole process (file parsing included), runs are
interleaved (run 1 of every configuration, then run 2, ...), and the table shows the median wall
time, the median CPU time (user + system, all threads; steadier than wall time on a shared
machine), the peak RSS from /usr/bin/time -v, the bar counts per dimension, and the ratios to the
Z/2 64-bit configuration of the same case. The diagrams of Q are checked against Z/2 where the
data is torsion-free (sphere) and against Z/3 where it is not (RP^2); every width is checked
against 64-bit.

    swift build -c release --product tda-eval
    python3 Benchmarks/peers/exact_rips.py                 # 3 runs
    python3 Benchmarks/peers/exact_rips.py --runs 5 --threads 1 --cases sphere_3_192
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Ripser's example files (its examples/ folder); sphere_3_192 also ships in the tests' resources.
DATA = Path(os.environ.get("RIPSER_EXAMPLES", ROOT / "Tests" / "PersistenceTests" / "Resources"))

CASES = {
    "sphere_3_192": ("sphere_3_192.lower_distance_matrix", ["Z/2", "Q", "Z/2 128-bit", "Q 128-bit", "Z/2 GMP"], "Z/2"),
    "rp2_600": ("rp2_600.lower_distance_matrix.csv", ["Z/2", "Q", "Z/2 128-bit", "Z/3"], "Z/3"),
}
CONFIGS = {
    "Z/2": ["--coeff", "2"],
    "Z/3": ["--coeff", "3"],
    "Q": ["--coeff", "Q"],
    "Z/2 128-bit": ["--coeff", "2", "--index-width", "128"],
    "Q 128-bit": ["--coeff", "Q", "--index-width", "128"],
    "Z/2 GMP": ["--coeff", "2", "--index-width", "gmp"],
}


def run_once(binary, path, config, threads):
    """Returns (wall seconds, cpu seconds, peak RSS MiB, diagrams)."""
    command = [str(binary), "rips", str(path), "--input-format", "lower-distance", "--maxdim", "2", "--json"]
    command += CONFIGS[config]
    if threads:
        command += ["--threads", str(threads)]
    with tempfile.NamedTemporaryFile("r") as log:
        result = subprocess.run(["/usr/bin/time", "-v", "-o", log.name] + command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed: {result.stderr.strip()}")
        stats = log.read()

    def field(name):
        return re.search(rf"{re.escape(name)}: (.+)", stats).group(1).strip()

    parts = [float(x) for x in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(value * 60 ** power for power, value in enumerate(reversed(parts)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) / 1024
    diagrams = json.loads(result.stdout)["diagrams"]
    return wall, cpu, rss, diagrams


def bars(diagrams):
    return [sorted((p[0], float("inf") if p[1] is None else p[1]) for p in d["pairs"]) for d in diagrams]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=ROOT / ".build" / "release" / "tda-eval")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="worker threads (default: tda-eval's)")
    parser.add_argument("--cases", default=",".join(CASES))
    arguments = parser.parse_args()
    print(f"{'case':<13} {'configuration':<12} {'wall s':>8} {'cpu s':>8} {'RSS MiB':>8} {'wall ratio':>10} {'cpu ratio':>9}  bars      same diagrams")
    for case in arguments.cases.split(","):
        file, configs, torsion_reference = CASES[case]
        samples = {config: [] for config in configs}
        diagrams = {}
        for _ in range(arguments.runs):
            for config in configs:
                wall, cpu, rss, result = run_once(arguments.binary, DATA / file, config, arguments.threads)
                samples[config].append((wall, cpu, rss))
                diagrams[config] = bars(result)
                print(f"  {case} {config}: wall {wall:.2f} s, cpu {cpu:.2f} s", file=sys.stderr, flush=True)
        base_wall = statistics.median(s[0] for s in samples["Z/2"])
        base_cpu = statistics.median(s[1] for s in samples["Z/2"])
        for config in configs:
            wall = statistics.median(s[0] for s in samples[config])
            cpu = statistics.median(s[1] for s in samples[config])
            rss = max(s[2] for s in samples[config])
            reference = torsion_reference if config.startswith("Q") else config.split()[0]
            same = f"= {reference}: {diagrams[config] == diagrams[reference]}"
            counts = "/".join(str(len(d)) for d in diagrams[config])
            print(f"{case:<13} {config:<12} {wall:8.3f} {cpu:8.3f} {rss:8.1f} {wall / base_wall:10.2f} {cpu / base_cpu:9.2f}  {counts:<9} {same}", flush=True)


if __name__ == "__main__":
    main()
