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

With --all-parts, `evaluate` runs with every default part instead (persistence: H0 on the whole
samples, H1 on seeded 1,000-point subsets; k-NN metrics with NDB/K, KDE, geometry score with
γ = 1/8 and 100 trials, privacy, fidelity, detection; and each of them but detection again for the
baseline's two seeded halves of the real sample and for the matched pair, the synthetic sample
against the first half, at equal sizes) on real ~ N(0, I_d) from numpy RandomState(0) and
synthetic from RandomState(1), n × d (default 5,000 × 30), and the peer pipeline does the same
work, on the same halves and subsets, in one Python process (each sample's diagrams and MRLT
computed once, as evaluate does; --pair-only runs the pair's first five parts only, on both
sides): SDMetrics' QualityReport and LogisticDetection, the 1-NN two-sample test with its
permutations on scikit-learn's neighbours, giotto-ph's ripser_parallel(maxdim=0, n_threads=2) for H0 of the whole samples, ripser
to H1 on the very subsets evaluate draws (its SplitMix64 streams re-implemented below), GUDHI's bottleneck
and Wasserstein-1/2 distances, prdc, scipy's gaussian_kde both ways, scikit-learn's
KMeans(20, n_init=1) fitted to the real sample and predicting the synthetic one with the NDB/K
z-tests, scikit-learn's NearestNeighbors for the privacy distances (DCR, NNDR, identifiability)
and the geometry-score reference code (Tests/SampleMetricsTests/Resources/gscore/
make_references.py, on GUDHI) with evaluate's landmark draws, γ and trials. The reference takes
minutes per trial at γ = 1/8, so it runs only --peer-trials draws per cloud and its time is scaled
to all trials (marked). The script checks that the peers computed the same thing: ripser's bar
counts per dimension equal evaluate's in every comparison, and `tda-eval gscore` on those draws (landmark files)
gives the reference's MRLT to 1e-9.

Usage:
  swift build -c release --product tda-eval
  Benchmarks/peers/.venv/bin/python Benchmarks/peers/evaluate_ratios.py [--sizes 500 1000] [--runs 3]
  Benchmarks/peers/.venv/bin/python Benchmarks/peers/evaluate_ratios.py --all-parts \
      [--n 5000] [--d 30] [--runs 1] [--peer-trials 2] [--binary PATH]
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


MASK = (1 << 64) - 1


class SplitMix64:
    """tda-eval's SeededGenerator (PointClouds/SeededGenerator.swift), for the same draws."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        """Lemire's unbiased integer in 0..<bound, as nextInt(below:)."""
        product = self.next() * bound
        if product & MASK < bound:
            threshold = ((1 << 64) - bound) % bound
            while product & MASK < threshold:
                product = self.next() * bound
        return product >> 64

    @staticmethod
    def stream(index, seed):
        mixer = SplitMix64(seed ^ ((index * 0xD1B54A32D192ED03) & MASK))
        return SplitMix64(mixer.next())


def distinct_indices(count, bound, generator):
    """ControlledFailures.distinctIndices: a partial Fisher-Yates shuffle's first `count`."""
    indices = list(range(bound))
    for i in range(count):
        j = i + generator.below(bound - i)
        indices[i], indices[j] = indices[j], indices[i]
    return indices[:count]


def persistence_rows(count, points, seed, stream):
    """Evaluation.persistenceRows: a seeded subset of `points` rows, sorted."""
    if count <= points:
        return list(range(count))
    return sorted(distinct_indices(points, count, SplitMix64.stream(stream, seed)))


def compared_samples(real, synth, seed, baseline):
    """The samples of evaluate's comparisons, as Evaluation.withReadings draws them: the pair;
    with the baseline, two seeded halves of the real sample (stream 200) and the synthetic sample
    against the first half, each cut to the smaller size (streams 201 and 202). Returns
    [(name, real, synthetic)]."""
    pairs = [("pair", real, synth)]
    if not baseline:
        return pairs
    first = sorted(distinct_indices(len(real) // 2, len(real), SplitMix64.stream(200, seed)))
    chosen = set(first)
    reference = real[first]
    second = real[[i for i in range(len(real)) if i not in chosen]]
    size = min(len(second), len(synth))

    def cut(sample, stream):
        if len(sample) <= size:
            return sample
        return sample[sorted(distinct_indices(size, len(sample), SplitMix64.stream(stream, seed)))]

    return pairs + [("baseline", reference, cut(second, 201)),
                    ("matched", reference, cut(synth, 202))]


def landmark_draws(trials, per_trial, count, seed, cloud):
    """LandmarkSets.random: trial t of cloud c from stream 2t + c."""
    draws = []
    for trial in range(trials):
        generator = SplitMix64.stream(2 * trial + cloud, seed)
        draws.append([generator.below(count) for _ in range(per_trial)])
    return draws


def worker_all_parts(real_path, synth_path, settings_path):
    """The peer pipeline for every default part of evaluate; prints a JSON line of per-part
    seconds, summed over the comparisons (the pair, and with the baseline the two real halves and
    the matched pair). Like evaluate, it computes each sample's diagrams and MRLT once: the
    matched pair's reference is the baseline's, and when it has at least persistence_points rows
    its synthetic H1 is the pair's (a seeded subset of as many synthetic rows)."""
    import json as json_module
    import numpy as np
    import pandas as pd
    import gudhi
    import gudhi.wasserstein
    import prdc
    from gph import ripser_parallel
    from ripser import ripser
    from scipy.stats import gaussian_kde, norm
    from sdmetrics.reports.single_table import QualityReport
    from sdmetrics.single_table import LogisticDetection
    from sklearn.cluster import KMeans
    from sklearn.neighbors import NearestNeighbors
    settings = json_module.load(open(settings_path))
    sys.path.insert(0, os.path.join(ROOT, "Tests", "SampleMetricsTests", "Resources", "gscore"))
    from make_references import h1_bars, living_times

    real = np.loadtxt(real_path, delimiter=",", ndmin=2)
    synth = np.loadtxt(synth_path, delimiter=",", ndmin=2)
    seed, points = settings["seed"], settings["persistence_points"]
    comparisons = compared_samples(real, synth, seed, settings["baseline"])
    seconds = {}
    clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = seconds.get(name, 0) + now - clock
        clock = now

    def frame(cloud):
        return pd.DataFrame(cloud, columns=[f"x{j}" for j in range(cloud.shape[1])])

    metadata = {"columns": {f"x{j}": {"sdtype": "numerical"} for j in range(real.shape[1])}}
    known = {}  # (role, id of the sample) -> [H0, H1]
    bars = {}
    mrlts = {}
    for name, first, second in comparisons:
        diagrams = []
        for cloud, stream in ((first, 100), (second, 101)):
            key = (stream, id(cloud))
            if key not in known:
                # H0 of the whole sample, H1 of the seeded subset, as evaluate computes them.
                h0 = ripser_parallel(cloud, maxdim=0, n_threads=2)["dgms"][0]
                if name == "matched" and stream == 101 and len(cloud) >= points:
                    h1 = known[(101, id(synth))][1]
                else:
                    subset = cloud[persistence_rows(len(cloud), points, seed, stream)]
                    h1 = ripser(subset, maxdim=1)["dgms"][1]
                known[key] = [h0, h1]
            diagrams.append(known[key])
        bars[name] = [[len(d) for d in dgms] for dgms in diagrams]
        for k in range(2):
            gudhi.bottleneck_distance(diagrams[0][k], diagrams[1][k])
            for q in (1, 2):
                gudhi.wasserstein.wasserstein_distance(
                    diagrams[0][k], diagrams[1][k], order=q, internal_p=np.inf,
                    keep_essential_parts=True)
        lap("persistence")
        prdc.compute_prdc(first, second, nearest_k=5)
        model = KMeans(n_clusters=20, n_init=1).fit(first)
        real_counts = np.bincount(model.labels_, minlength=20)
        synth_counts = np.bincount(model.predict(second), minlength=20)
        pooled = (real_counts + synth_counts) / (len(first) + len(second))
        z = (real_counts / len(first) - synth_counts / len(second)) / np.sqrt(
            pooled * (1 - pooled) * (1 / len(first) + 1 / len(second)))
        int(np.sum(np.abs(z) > norm.ppf(0.975)))
        lap("metrics")
        gaussian_kde(first.T).logpdf(second.T).mean()
        gaussian_kde(second.T).logpdf(first.T).mean()
        lap("kde")
        to_real = NearestNeighbors(n_neighbors=2).fit(first)
        dcr, _ = to_real.kneighbors(second)
        np.where(dcr[:, 1] > 0, dcr[:, 0] / np.where(dcr[:, 1] > 0, dcr[:, 1], 1), 0)  # NNDR
        inner, _ = to_real.kneighbors(first)
        cross, _ = NearestNeighbors(n_neighbors=1).fit(second).kneighbors(first)
        np.mean(cross[:, 0] < inner[:, 1])  # identifiability
        lap("privacy")
        for cloud, cloud_index in ((first, 0), (second, 1)):
            if (cloud_index, id(cloud)) in mrlts:
                continue
            draws = landmark_draws(settings["trials"], settings["landmarks"], len(cloud), seed,
                                   cloud_index)[: settings["peer_trials"]]
            rlts = []
            for landmarks in draws:
                h1, alpha_max = h1_bars(cloud, np.array(landmarks), settings["gamma"])
                rlts.append(living_times(h1, alpha_max, settings["imax"]))
            mrlts[(cloud_index, id(cloud))] = np.mean(rlts, axis=0).tolist()
        lap("gscore")
        report = QualityReport()
        report.generate(frame(first), frame(second), metadata, verbose=False)
        report.get_score()
        lap("fidelity")
        if name != "pair":
            continue
        LogisticDetection.compute(frame(first), frame(second), metadata)
        # The leave-one-out 1-NN two-sample test, its p-value over 1000 label permutations of
        # the fixed 1-NN graph.
        pooled_rows = np.vstack([first, second])
        labels = np.r_[np.zeros(len(first), bool), np.ones(len(second), bool)]
        _, neighbours = NearestNeighbors(n_neighbors=2).fit(pooled_rows).kneighbors(pooled_rows)
        nearest = neighbours[:, 1]
        observed = np.mean(labels == labels[nearest])
        generator = np.random.default_rng(seed)
        permuted = [np.mean(p == p[nearest]) for p in
                    (generator.permutation(labels) for _ in range(settings["permutations"]))]
        (1 + sum(a >= observed for a in permuted)) / (1 + len(permuted))
        lap("detect")
    mrlt_pair = [mrlts[(0, id(real))], mrlts[(1, id(synth))]]
    print(json_module.dumps(dict(seconds=seconds, bars=bars, mrlts=mrlt_pair)))


def timed(command):
    """Wall seconds, peak RSS in MB and stdout of one run under /usr/bin/time -v."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return wall, peak / 1024, result.stdout


def comparisons(report):
    """The comparisons of an evaluate report: the pair, then the baseline and matched pairs."""
    return [("pair", report)] + [(name, report[name]) for name in ("baseline", "matched")
                                 if name in report]


def all_parts(args):
    """`evaluate` with every default part against the peer pipeline, side by side."""
    import json
    import numpy as np
    with tempfile.TemporaryDirectory() as directory:
        real = os.path.join(directory, "real.csv")
        synth = os.path.join(directory, "synth.csv")
        for path, seed in ((real, 0), (synth, 1)):
            cloud = np.random.RandomState(seed).standard_normal((args.n, args.d))
            np.savetxt(path, cloud, delimiter=",", fmt="%.17g")
        options = ["--no-baseline", "--skip", "fidelity,detect"] if args.pair_only else []
        ours = [timed([args.binary, "evaluate", real, synth, "--json"] + options)
                for _ in range(args.runs)]
        report = json.loads(ours[-1][2])
        parameters = report["parameters"]
        settings = dict(seed=parameters["seed"], persistence_points=parameters["persistence_points"],
                        trials=parameters["trials"], landmarks=parameters["landmarks"],
                        gamma=parameters["gamma"], imax=parameters["imax"],
                        peer_trials=min(args.peer_trials, parameters["trials"]),
                        baseline=parameters["baseline"], permutations=parameters.get("permutations", 0))
        settings_path = os.path.join(directory, "settings.json")
        json.dump(settings, open(settings_path, "w"))
        peers = [timed([sys.executable, __file__, "--worker-all-parts", real, synth, settings_path])
                 for _ in range(args.runs)]
        peer = json.loads(peers[-1][2].strip().splitlines()[-1])
        # The peers computed the same thing: bar counts, and the MRLT on the reference's draws.
        our_bars = {name: [[len(d["pairs"]) for d in part["diagrams"][side]["diagrams"]]
                           for side in ("real", "synthetic")]
                    for name, part in comparisons(report)}
        if our_bars != peer["bars"]:
            sys.exit(f"bar counts differ: tda-eval {our_bars}, ripser {peer['bars']}")
        files = []
        for name, path, cloud_index in (("real", real, 0), ("synth", synth, 1)):
            draws = landmark_draws(settings["trials"], settings["landmarks"], args.n,
                                   settings["seed"], cloud_index)[: settings["peer_trials"]]
            landmark_path = os.path.join(directory, name + ".landmarks")
            with open(landmark_path, "w") as f:
                f.writelines(",".join(map(str, draw)) + "\n" for draw in draws)
            files.append(landmark_path)
        check = json.loads(subprocess.run(
            [args.binary, "gscore", real, synth, "--real-landmarks", files[0], "--synth-landmarks",
             files[1], "--gamma", repr(settings["gamma"]), "--imax", str(settings["imax"]),
             "--json"], capture_output=True, text=True, check=True).stdout)
        difference = max(abs(a - b) for ours_mrlt, theirs in
                         zip((check["mrlt_real"], check["mrlt_synth"]), peer["mrlts"])
                         for a, b in zip(ours_mrlt, theirs))
        if difference > 1e-9:
            sys.exit(f"MRLTs on the reference's draws differ by {difference}")
    scale = settings["trials"] / settings["peer_trials"]
    peer_parts = {}
    for part in report["parameters"]["parts"]:
        values = [json.loads(run[2].strip().splitlines()[-1])["seconds"][part] for run in peers]
        peer_parts[part] = statistics.median(values) * (scale if part == "gscore" else 1)
    our_parts = {part: statistics.median(
        sum(each["timings"].get(part, 0) for _, each in comparisons(json.loads(run[2])))
        for run in ours) for part in peer_parts}
    our_wall = statistics.median(r[0] for r in ours)
    peer_start_up = statistics.median(r[0] for r in peers) - statistics.median(
        sum(json.loads(run[2].strip().splitlines()[-1])["seconds"].values()) for run in peers)
    peer_total = sum(peer_parts.values()) + peer_start_up
    work = ("the pair only (--no-baseline --skip fidelity,detect)" if args.pair_only else
            "every default part, the pair, the baseline's halves and the matched pair")
    print(f"# evaluate, {work}, {args.n} x {args.d} Gaussian samples, median of "
          f"{args.runs} run(s); the reference geometry score ran {settings['peer_trials']} of "
          f"{settings['trials']} draws per cloud, scaled x{scale:g}; MRLTs agree to {difference:.1e}")
    print("| part (all comparisons) | tda-eval s (in process) | peers s (in process) | ratio |")
    print("| --- | --- | --- | --- |")
    for part, seconds in peer_parts.items():
        mark = " (scaled)" if part == "gscore" else ""
        print(f"| {part} | {our_parts[part]:.2f} | {seconds:.1f}{mark} "
              f"| {our_parts[part] / seconds:.4f} |")
    print(f"| whole process (start-up, reading, every part) | {our_wall:.2f} | {peer_total:.1f} "
          f"| **{our_wall / peer_total:.4f}** |")
    print(f"peak RSS: tda-eval {max(r[1] for r in ours):.0f} MB, peers "
          f"{max(r[1] for r in peers):.0f} MB")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--worker-all-parts":
        worker_all_parts(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", default="torus")
    parser.add_argument("--binary", default=TDA_EVAL)
    parser.add_argument("--all-parts", action="store_true",
                        help="every default part of evaluate against the whole peer pipeline")
    parser.add_argument("--n", type=int, default=5000, help="--all-parts: points per sample")
    parser.add_argument("--d", type=int, default=30, help="--all-parts: dimension")
    parser.add_argument("--peer-trials", type=int, default=2,
                        help="--all-parts: geometry-score draws per cloud the reference runs")
    parser.add_argument("--pair-only", action="store_true",
                        help="--all-parts: the pair's metrics only, without the baseline, "
                             "fidelity and detection (evaluate --no-baseline --skip ...)")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("build first: swift build -c release --product tda-eval")
    if args.all_parts:
        all_parts(args)
        return
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for n in args.sizes:
            real = os.path.join(directory, f"real{n}.csv")
            synth = os.path.join(directory, f"synth{n}.csv")
            subprocess.run([args.binary, "generate", args.base, "--failure", "noise", "--sigma", "0.1",
                            "--n", str(n), "--seed", "1", "--real", real, "--out", synth], check=True)
            ours = [timed([args.binary, "evaluate", real, synth, "--skip", "gscore", "--bins", "0",
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
