#!/usr/bin/env python3
"""Writes the reference data for the k-means / NDB/K tests into
Tests/SampleMetricsTests/Resources/kmeans/.

Run from the repository root with an environment holding numpy, scipy, scikit-learn and
statsmodels (the peers' environment of Benchmarks/peers/setup.sh plus statsmodels will do):

    python3 -m venv .venv-kmeans
    .venv-kmeans/bin/pip install numpy scipy scikit-learn statsmodels
    .venv-kmeans/bin/python Scripts/references/make_kmeans_references.py

For each case: a real and a synthetic cloud (numpy RandomState, fixed seeds), K initial centres
(real rows drawn without replacement by numpy), then

  * scikit-learn's Lloyd from those centres: KMeans(n_clusters=K, init=<the centres>, n_init=1,
    max_iter=300, tol=1e-4, algorithm="lloyd").fit(real) -> cluster_centers_, labels_, n_iter_,
    and how it stopped (its verbose log: strict convergence or the tolerance);
  * NDB/K from those centres (Richardson & Weiss): both clouds binned by KMeans.predict, each
    bin's counts compared by statsmodels' pooled two-proportion z-test
    (proportions_ztest([n_r, n_s], [N, M])), a bin different when |z| > norm.ppf(0.975), and the
    Jensen-Shannon divergence of the two histograms, natural logarithm
    (scipy.spatial.distance.jensenshannon(p, q) ** 2).

The seeding is not compared here (tda-eval draws from its own generator); the Swift tests check it
against a direct transcription of greedy k-means++.

Writes (deterministic):
  <case>_real.csv, <case>_synth.csv   inputs (rounded to 6 decimals, shortest round-trip form)
  references.json                      per case: K, the initial rows, sklearn's centres, labels
                                       iterations and stopping rule, the bin counts, the different bins, the JSD
"""
import contextlib
import io
import json
import os
import sys

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import norm
from sklearn.cluster import KMeans
from statsmodels.stats.proportion import proportions_ztest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Tests", "SampleMetricsTests", "Resources", "kmeans")


def mixture(rng, n, d, components, spread):
    centres = rng.uniform(-spread, spread, size=(components, d))
    return centres[rng.randint(components, size=n)] + rng.standard_normal((n, d))


def rounded(cloud):
    """Coordinates rounded to 6 decimals, so the files stay small (written in shortest form)."""
    return np.round(cloud, 6)


def cases():
    # (name, real, synthetic, K): separated blobs, plain Gaussians at the default K = 20, and
    # a synthetic sample that misses part of the real one (many different bins).
    a = np.random.RandomState(11)
    yield "blobs5", mixture(a, 600, 5, 6, 6.0), mixture(a, 500, 5, 6, 6.0), 8
    b = np.random.RandomState(12)
    yield "gauss32", b.standard_normal((700, 32)), b.standard_normal((600, 32)), 20
    c = np.random.RandomState(13)
    real = c.standard_normal((1000, 3))
    shifted = c.standard_normal((900, 3)) * np.array([1.0, 0.5, 0.5]) + np.array([0.8, 0, 0])
    yield "shifted3", real, shifted, 12
    # Two equal initial centres: the second gets no point (ties go to the first) and is
    # relocated to the point farthest from its centre.
    d = np.random.RandomState(14)
    yield "duplicate2", mixture(d, 300, 2, 4, 5.0), mixture(d, 250, 2, 4, 5.0), 5


def main():
    os.makedirs(OUT, exist_ok=True)
    critical = norm.ppf(0.975)
    references = {}
    for name, real, synth, k in cases():
        real, synth = rounded(real), rounded(synth)
        init = np.random.RandomState(len(name)).choice(len(real), k, replace=False)
        if name.startswith("duplicate"):
            init[1] = init[0]
        log = io.StringIO()
        with contextlib.redirect_stdout(log):  # verbose=1 says how Lloyd stopped
            model = KMeans(n_clusters=k, init=real[init], n_init=1, max_iter=300, tol=1e-4,
                           algorithm="lloyd", verbose=1).fit(real)
        stopping = "strict" if "strict convergence" in log.getvalue() else "tolerance"
        real_counts = np.bincount(model.predict(real), minlength=k)
        synth_counts = np.bincount(model.predict(synth), minlength=k)
        if not np.array_equal(model.predict(real), model.labels_):
            sys.exit(f"{name}: labels_ differ from predict")
        different = 0
        for nr, ns in zip(real_counts, synth_counts):
            if nr + ns in (0, len(real) + len(synth)):
                continue  # no variance: never different
            z, _ = proportions_ztest([nr, ns], [len(real), len(synth)])
            different += abs(z) > critical
        p, q = real_counts / len(real), synth_counts / len(synth)
        for suffix, cloud in (("real", real), ("synth", synth)):
            with open(os.path.join(OUT, f"{name}_{suffix}.csv"), "w") as f:
                f.writelines(",".join(repr(float(v)) for v in row) + "\n" for row in cloud)
        references[name] = dict(
            k=k, initial_rows=init.tolist(), centres=model.cluster_centers_.tolist(),
            labels=model.labels_.tolist(), iterations=int(model.n_iter_), stopping=stopping,
            real_counts=real_counts.tolist(), synth_counts=synth_counts.tolist(),
            different=int(different), jsd=float(jensenshannon(p, q) ** 2))
        print(name, "iterations", model.n_iter_, stopping, "different", different,
              file=sys.stderr)
    with open(os.path.join(OUT, "references.json"), "w") as f:
        json.dump(references, f, indent=1)


if __name__ == "__main__":
    main()
