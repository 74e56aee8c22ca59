"""Geometry Score: tda-eval vs the reference algorithm (Khrulkov & Oseledets' code on gudhi from
PyPI), side by side in one run, on identical inputs and identical landmark draws.

For each configuration: two clouds X, Y ~ N(0, I_d) (numpy RandomState(0) and (1)), `trials` landmark draws per cloud (numpy, uniform with
replacement, as the reference's np.random.choice) written as landmark files. Then
  * the peer: a fresh Python process runs the reference algorithm on both clouds with those
    landmarks (table = cdist + argsort, gudhi.WitnessComplex, H1 over Z/2, relative living times,
    mean) -- the reference's `rlts` loop with the draws fixed;
  * tda-eval: `tda-eval gscore X Y --real-landmarks ... --synth-landmarks ... --json` (release
    binary, all cores).
Wall time, CPU time (user + system) -- medians of the repeats -- and peak RSS come from
/usr/bin/time; the MRLTs of both are compared (max |difference|, must be <= 1e-9). Ratios are
peer / tda-eval. The reference is single-threaded; tda-eval runs trials on every core, so the
wall ratio is the user's gain and the CPU ratio the gain per core (robust to a busy machine).

With --peer-trials K (< trials) the peer runs only the first K draws and its time is scaled
by trials/K (marked "extrapolated"); its MRLT is then compared on those K draws only, with
a separate tda-eval run on the same K draws. (The 10k-trial configuration always does this.)

With --reference-cache FILE the peer's timing and MRLTs are stored in FILE (JSON, keyed by the
configuration and its parameters) and reused by later runs, so tda-eval can be re-timed alone
while it is being tuned; the inputs are deterministic, so the stored MRLTs still check ours.

Usage (from the repository root; build first: swift build -c release --product tda-eval):
  Benchmarks/peers/.venv/bin/python Benchmarks/peers/gscore_ratios.py            # the issue's grid
  python gscore_ratios.py --only 5000x32 --repeats 3 --peer-repeats 1
  python gscore_ratios.py --only 5000x32 --repeats 1 --reference-cache /tmp/gscore_ref.json
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REFERENCE = os.path.join(ROOT, "Tests", "SampleMetricsTests", "Resources", "gscore")

# (name, n, d, trials, peer trials or None for all)
GRID = [
    ("300x2-smoke", 300, 2, 50, None),
    ("1000x2", 1000, 2, 1000, None),
    ("5000x32", 5000, 32, 1000, None),
    ("10000x32-10k-trials", 10000, 32, 10000, 100),
]

PEER = r"""
import json, sys, numpy as np
sys.path.insert(0, sys.argv[1])
from make_references import h1_bars, living_times
request = json.load(open(sys.argv[2]))
means = []
for cloud_path, landmark_path in request["clouds"]:
    cloud = np.loadtxt(cloud_path, delimiter=",")
    gamma = request["gamma"] if request["gamma"] is not None else len(cloud) / (128 * 5000)
    rlts = []
    with open(landmark_path) as f:
        for line in list(f)[: request["trials"]]:
            landmarks = np.array([int(v) for v in line.split(",")])
            bars, alpha_max = h1_bars(cloud, landmarks, gamma)
            rlts.append(living_times(bars, alpha_max, request["imax"]))
    means.append(np.mean(rlts, axis=0).tolist())
json.dump(means, open(request["out"], "w"))
"""


def timed(command):
    """Runs `command` under /usr/bin/time; returns (wall s, peak RSS MiB, stdout, CPU s)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", report.name] + command,
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit("failed: %s\n%s" % (" ".join(command), result.stderr))
        wall, rss, user, system = report.read().split()[-4:]
    return float(wall), int(rss) / 1024, result.stdout, float(user) + float(system)


def prepare(directory, n, d, trials, landmarks):
    paths = []
    draw = np.random.RandomState(12345)
    for name, seed in (("real", 0), ("synth", 1)):
        cloud = np.random.RandomState(seed).standard_normal((n, d))
        cloud_path = os.path.join(directory, name + ".csv")
        np.savetxt(cloud_path, cloud, delimiter=",", fmt="%.17g")
        landmark_path = os.path.join(directory, name + ".landmarks")
        with open(landmark_path, "w") as f:
            for _ in range(trials):
                f.write(",".join(map(str, draw.choice(n, landmarks))) + "\n")
        paths.append((cloud_path, landmark_path))
    return paths


def ours(binary, paths, args, trials=None):
    files = paths
    if trials is not None:  # the first `trials` draws only
        files = []
        for cloud, landmarks in paths:
            short = landmarks + ".%d" % trials
            with open(landmarks) as f, open(short, "w") as g:
                g.writelines(list(f)[:trials])
            files.append((cloud, short))
    command = [binary, "gscore", files[0][0], files[1][0], "--real-landmarks", files[0][1],
               "--synth-landmarks", files[1][1], "--imax", str(args.imax), "--json"]
    if args.gamma is not None:
        command += ["--gamma", repr(args.gamma)]
    if args.threads is not None:
        command += ["--threads", str(args.threads)]
    return command


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "tda-eval"))
    parser.add_argument("--only", help="run only the configuration with this name")
    parser.add_argument("--landmarks", type=int, default=64)
    parser.add_argument("--gamma", type=float, default=None, help="default: N/(128*5000)")
    parser.add_argument("--imax", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3, help="runs of tda-eval (median)")
    parser.add_argument("--peer-repeats", type=int, default=1, help="runs of the peer (median)")
    parser.add_argument("--peer-trials", type=int, default=None,
                        help="run the peer on this many draws only and extrapolate its time")
    parser.add_argument("--reference-cache", default=None,
                        help="JSON file storing the peer's timings and MRLTs for reuse")
    parser.add_argument("--threads", type=int, default=None, help="tda-eval --threads")
    args = parser.parse_args()
    cache = {}
    if args.reference_cache and os.path.exists(args.reference_cache):
        cache = json.load(open(args.reference_cache))
    rows = []
    for name, n, d, trials, peer_trials in GRID:
        if args.only and name != args.only:
            continue
        if args.peer_trials is not None and args.peer_trials < trials:
            peer_trials = min(peer_trials or trials, args.peer_trials)
        with tempfile.TemporaryDirectory() as directory:
            paths = prepare(directory, n, d, trials, args.landmarks)
            runs = [timed(ours(args.binary, paths, args)) for _ in range(args.repeats)]
            our_time = statistics.median(r[0] for r in runs)
            our_cpu = statistics.median(r[3] for r in runs)
            our_rss = max(r[1] for r in runs)
            result = json.loads(runs[0][2])
            compared = json.loads(timed(ours(args.binary, paths, args, peer_trials))[2]) \
                if peer_trials else result
            key = json.dumps([name, args.landmarks, args.gamma, args.imax, peer_trials or trials])
            if key in cache:
                peer_time, peer_cpu, peer_rss, peer = cache[key]
                print("reusing the stored reference run", key, file=sys.stderr)
            else:
                request = os.path.join(directory, "request.json")
                out = os.path.join(directory, "peer.json")
                json.dump(dict(clouds=paths, gamma=args.gamma, imax=args.imax,
                               trials=peer_trials or trials, out=out), open(request, "w"))
                peer_runs = [timed([sys.executable, "-c", PEER, REFERENCE, request])
                             for _ in range(args.peer_repeats)]
                peer_time = statistics.median(r[0] for r in peer_runs)
                peer_cpu = statistics.median(r[3] for r in peer_runs)
                peer_rss = max(r[1] for r in peer_runs)
                if peer_trials:
                    peer_time *= trials / peer_trials
                    peer_cpu *= trials / peer_trials
                peer = json.load(open(out))
                if args.reference_cache:
                    cache[key] = [peer_time, peer_cpu, peer_rss, peer]
                    json.dump(cache, open(args.reference_cache, "w"))
            difference = max(
                max(abs(a - b) for a, b in zip(compared["mrlt_real"], peer[0])),
                max(abs(a - b) for a, b in zip(compared["mrlt_synth"], peer[1])))
            rows.append((name, trials, peer_time, our_time, peer_time / our_time, peer_cpu,
                         our_cpu, peer_cpu / our_cpu, peer_rss, our_rss, difference,
                         result["gscore"], bool(peer_trials)))
            print(rows[-1], file=sys.stderr, flush=True)
    print("| config (n x d) | trials/cloud | reference wall s | tda-eval wall s | wall ratio "
          "| reference CPU s | tda-eval CPU s | CPU ratio | ref RSS MiB | tda-eval RSS MiB "
          "| max abs MRLT diff | gscore |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (name, trials, peer, our, ratio, pcpu, ocpu, cratio, prss, orss, diff, score,
         extrapolated) in rows:
        mark = " (extrapolated)" if extrapolated else ""
        print("| %s | %d | %.1f%s | %.2f | %.1f | %.1f%s | %.2f | %.1f | %.0f | %.0f | %.1e | %.6g |" % (
            name, trials, peer, mark, our, ratio, pcpu, mark, ocpu, cratio, prss, orss, diff,
            score))

if __name__ == "__main__":
    main()
