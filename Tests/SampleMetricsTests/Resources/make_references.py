#!/usr/bin/env python3
"""Reference values for SampleMetricsTests, computed by the peer tools.

Writes case_<name>_real.csv / case_<name>_synth.csv / case_<name>_holdout.csv and
references.json.  Run with the peers' interpreter (numpy, scipy, prdc):

    Benchmarks/peers/.venv/bin/python Tests/SampleMetricsTests/Resources/make_references.py

Sources of truth:
  open balls  -> prdc.compute_prdc(real, synth, nearest_k=k)              (prdc 0.2)
  closed balls, realism -> the definitions of Kynkaanniemi et al.'s code
     (precision_recall.py: k-th value by np.partition with self included,
     `<=` on squared distances, realism with clamp_to_percentile=50 and
     eps=1e-5), evaluated here in float64 with scipy's cdist
  KDE scott/silverman -> scipy.stats.gaussian_kde(fit, bw_method).logpdf(eval).mean()
  KDE fixed h -> brute-force scipy.special.logsumexp over all pairs (exact)
  DCR -> numpy min over cdist, np.median / np.percentile(5)
"""
import contextlib
import io
import json
import os

import numpy as np
from prdc import compute_prdc
from scipy.spatial.distance import cdist
from scipy.special import logsumexp
from scipy.stats import gaussian_kde

HERE = os.path.dirname(os.path.abspath(__file__))


def cases():
    rs = np.random.RandomState(20261124)
    out = {}
    # generic Gaussian data, different scale
    out["gauss8"] = (rs.normal(size=(300, 8)), 1.2 * rs.normal(size=(250, 8)) + 0.1, rs.normal(size=(60, 8)))
    # integer grid: many ties and duplicates
    out["grid3"] = (rs.randint(0, 4, size=(200, 3)).astype(float), rs.randint(0, 4, size=(180, 3)).astype(float),
                    rs.randint(0, 4, size=(40, 3)).astype(float))
    # half of the synthetic rows are exact copies of real rows
    real = np.round(rs.normal(size=(220, 5)), 3)
    synth = np.vstack([real[rs.choice(220, 100, replace=False)], np.round(rs.normal(size=(100, 5)), 3)])
    out["copies5"] = (real, synth, np.round(rs.normal(size=(50, 5)), 3))
    # outliers in both sets, d = 16
    real = rs.normal(size=(200, 16))
    real[:5] *= 25
    synth = rs.normal(size=(210, 16)) + 0.3
    synth[:3] *= 40
    out["outliers16"] = (real, synth, rs.normal(size=(30, 16)))
    # d = 32, small
    out["gauss32"] = (rs.normal(size=(150, 32)), rs.normal(size=(140, 32)) * 0.9, rs.normal(size=(20, 32)))
    return out


def kth_sq(x, k):
    d = cdist(x, x, "sqeuclidean")
    return np.partition(d, k, axis=1)[:, k]


def closed_metrics(real, synth, k):
    rr = kth_sq(real, k)
    rs_ = kth_sq(synth, k)
    d = cdist(real, synth, "sqeuclidean")  # real x synth
    inside = d <= rr[:, None]
    precision = inside.any(axis=0).mean()
    recall = (d <= rs_[None, :]).any(axis=1).mean()
    density = inside.sum() / (k * synth.shape[0])
    coverage = (d.min(axis=1) <= rr).mean()
    return dict(precision=float(precision), recall=float(recall), density=float(density), coverage=float(coverage))


def realism(real, synth, k):
    rr = kth_sq(real, k)
    cut = np.percentile(rr, 50)
    pruned = np.where(rr > cut, 0.0, rr)
    d = cdist(synth, real, "sqeuclidean")
    return (pruned[None, :] / (d + 1e-5)).max(axis=1)


def kde_fixed(fit, ev, h):
    n, dim = fit.shape
    d = cdist(ev, fit, "sqeuclidean")
    return float((logsumexp(-d / (2 * h * h), axis=1) - np.log(n) - 0.5 * dim * np.log(2 * np.pi * h * h)).mean())


def main():
    refs = {"_generated_by": "make_references.py in this folder (prdc 0.2, scipy, numpy)"}
    for name, (real, synth, holdout) in cases().items():
        for tag, arr in (("real", real), ("synth", synth), ("holdout", holdout)):
            np.savetxt(os.path.join(HERE, f"case_{name}_{tag}.csv"), arr, delimiter=",", fmt="%.17g",
                       header="made by make_references.py (seeded): case %s, %s set" % (name, tag))
        # re-read what was written so that references match the files bit for bit
        real, synth, holdout = (np.loadtxt(os.path.join(HERE, f"case_{name}_{t}.csv"), delimiter=",")
                                for t in ("real", "synth", "holdout"))
        entry = {}
        for k in (1, 3, 5):
            with contextlib.redirect_stdout(io.StringIO()):
                p = compute_prdc(real_features=real, fake_features=synth, nearest_k=k)
            entry[f"open_k{k}"] = {key: float(v) for key, v in p.items()}
            entry[f"closed_k{k}"] = closed_metrics(real, synth, k)
            entry[f"realism_k{k}"] = realism(real, synth, k).tolist()
            entry[f"radii_k{k}"] = np.sqrt(kth_sq(real, k)).tolist()
        dcr = cdist(synth, real).min(axis=1)
        hold = cdist(holdout, real).min(axis=1)
        entry["dcr"] = dict(median=float(np.median(dcr)), p5=float(np.percentile(dcr, 5)),
                            exact_copies=float((dcr == 0).mean()), mean=float(dcr.mean()))
        entry["dcr_holdout"] = dict(median=float(np.median(hold)), p5=float(np.percentile(hold, 5)),
                                    exact_copies=float((hold == 0).mean()), mean=float(hold.mean()))
        kde = {}
        for rule in ("scott", "silverman"):
            try:
                a = gaussian_kde(real.T, bw_method=rule)
                b = gaussian_kde(synth.T, bw_method=rule)
                kde[rule] = dict(bandwidth=float(a.factor), synthetic_bandwidth=float(b.factor),
                                 synth_given_real=float(a.logpdf(synth.T).mean()),
                                 real_given_synth=float(b.logpdf(real.T).mean()))
            except np.linalg.LinAlgError:
                kde[rule] = None
        for h in (0.5, 2.0):
            kde[f"fixed_{h}"] = dict(bandwidth=h, synth_given_real=kde_fixed(real, synth, h),
                                     real_given_synth=kde_fixed(synth, real, h))
        entry["kde"] = kde
        refs[name] = entry
    with open(os.path.join(HERE, "references.json"), "w") as f:
        json.dump(refs, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
