"""Reference data for the Geometry Score tests (Tests/SampleMetricsTests/GeometryScore*.swift).

Runs the reference algorithm of Khrulkov & Oseledets (github.com/KhrulkovV/geometry-score,
gs/utils.py + gs/geom_score.py) on GUDHI from PyPI, with the landmark indices fixed and written
out so that tda-eval can replay every trial:

  landmark table  = cdist(X, X[landmarks]) with every row sorted (index, distance)
  alpha_max       = gamma * max(table distances)
  complex         = gudhi.WitnessComplex(table).create_simplex_tree(max_alpha_square=alpha_max,
                                                                     limit_dimension=2)
  bars            = H1 intervals over Z/2 (st.persistence(homology_coeff_field=2) first)
  RLT             = exact integral of the Betti-1 count over [0, alpha_max], infinite bars cut at
                    alpha_max, time with >= i_max bars dropped, divided by alpha_max
  MRLT            = mean of the per-trial RLT vectors

Usage (from this directory; needs numpy, scipy, gudhi):
  python make_references.py
Writes, per case NAME: NAME.csv (the cloud, %.17g), NAME.landmarks (one trial per line,
comma-separated 0-based row indices), NAME.json (parameters, alpha_max, H1 bars, RLT per trial
and the MRLT), and witness_small.json (every simplex of one small witness complex with its
filtration value, for the hand-checked filtration test).
"""
import json
import os

import gudhi
import numpy as np
from scipy.spatial.distance import cdist

HERE = os.path.dirname(os.path.abspath(__file__))


def landmark_table(cloud, landmarks):
    """Rows sorted by distance: [[landmark position, distance], ...] per witness, and the max."""
    distances = cdist(cloud, cloud[landmarks])
    order = np.argsort(distances)
    sorted_distances = np.take_along_axis(distances, order, axis=1)
    return np.dstack([order, sorted_distances]), distances.max()


def witness_tree(cloud, landmarks, gamma):
    table, max_distance = landmark_table(cloud, landmarks)
    alpha_max = gamma * max_distance
    tree = gudhi.WitnessComplex(table).create_simplex_tree(
        max_alpha_square=alpha_max, limit_dimension=2)
    return tree, alpha_max


def h1_bars(cloud, landmarks, gamma):
    tree, alpha_max = witness_tree(cloud, landmarks, gamma)
    tree.persistence(homology_coeff_field=2)
    return [list(map(float, bar)) for bar in tree.persistence_intervals_in_dimension(1)], alpha_max


def living_times(bars, alpha_max, i_max):
    """The reference's relative living times, restated: integrate the Betti count exactly."""
    closed = [(b, alpha_max if np.isinf(e) else e) for b, e in bars]
    result = np.zeros(i_max)
    if not closed:
        result[0] = 1.0
        return result
    ends = sorted(set([0.0, alpha_max] + [v for bar in closed for v in bar]))
    for left, right in zip(ends[:-1], ends[1:]):
        middle = (left + right) / 2
        alive = sum(1 for b, e in closed if b <= middle < e)
        if alive < i_max:
            result[alive] += right - left
    return result / alpha_max


def write_cloud(name, cloud):
    with open(os.path.join(HERE, name + ".csv"), "w") as f:
        for row in cloud:
            f.write(",".join("%.17g" % v for v in row) + "\n")


def write_landmarks(name, trials):
    with open(os.path.join(HERE, name + ".landmarks"), "w") as f:
        for trial in trials:
            f.write(",".join(str(i) for i in trial) + "\n")


def run_case(name, cloud, landmark_count, gamma, i_max, trials, rng):
    landmark_sets = [rng.choice(len(cloud), landmark_count) for _ in range(trials)]  # with replacement
    write_cloud(name, cloud)
    write_landmarks(name, landmark_sets)
    records = []
    for landmarks in landmark_sets:
        bars, alpha_max = h1_bars(cloud, landmarks, gamma)
        records.append(dict(
            alpha_max=alpha_max,
            bars=[[b, None if np.isinf(e) else e] for b, e in bars],
            rlt=living_times(bars, alpha_max, i_max).tolist()))
    mrlt = np.mean([r["rlt"] for r in records], axis=0)
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(dict(gudhi=gudhi.__version__, landmarks=landmark_count, gamma=gamma, imax=i_max,
                       trials=records, mrlt=mrlt.tolist()), f, indent=1)
    print(name, "trials", trials, "mean bars", np.mean([len(r["bars"]) for r in records]),
          "mrlt[:6]", np.round(mrlt[:6], 4))


def circle(rng, n, radius=1.0, centre=(0.0, 0.0), noise=0.05):
    t = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([centre[0] + radius * np.cos(t), centre[1] + radius * np.sin(t)], axis=1)
    return points + noise * rng.standard_normal((n, 2))


def small_witness_case():
    """Every simplex of a 6-landmark, 12-witness complex with its filtration value."""
    rng = np.random.default_rng(11)
    cloud = np.round(rng.uniform(-1, 1, (12, 2)), 2)
    landmarks = [0, 3, 5, 7, 9, 10]
    tree, alpha_max = witness_tree(cloud, landmarks, 0.5)
    simplices = [dict(simplex=s, value=v) for s, v in tree.get_simplices()]
    with open(os.path.join(HERE, "witness_small.json"), "w") as f:
        json.dump(dict(gudhi=gudhi.__version__, cloud=cloud.tolist(), landmarks=landmarks,
                       alpha_max=alpha_max, simplices=simplices), f, indent=1)


def main():
    rng = np.random.default_rng(20181)
    run_case("circle", circle(rng, 300), 32, 1 / 8, 100, 20, rng)
    two = np.concatenate([circle(rng, 150, centre=(-1.5, 0)), circle(rng, 150, centre=(1.5, 0))])
    run_case("two_circles", two, 32, 1 / 8, 100, 20, rng)
    run_case("blob", rng.standard_normal((300, 2)), 32, 1 / 8, 100, 20, rng)
    # The code's own gamma for this N (tiny: many short-lived spurious cycles), d = 16.
    run_case("gauss16", rng.standard_normal((400, 16)), 64, 400 / (128 * 5000), 100, 10, rng)
    # Few Betti values kept (i_max = 3 < the number of bars) and exact duplicate points (ties).
    grid = np.round(rng.uniform(0, 3, (250, 3)))
    run_case("grid_ties", grid + 0.0, 24, 1 / 4, 3, 10, rng)
    small_witness_case()


if __name__ == "__main__":
    main()
