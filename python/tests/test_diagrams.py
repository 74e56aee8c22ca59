import math
import threading

import numpy as np
import pytest

import tda_eval
from tda_eval import _restore_infinity


def circle(n=60, noise=0.02, seed=0):
    rng = np.random.default_rng(seed)
    angles = np.sort(rng.uniform(0, 2 * np.pi, n))
    points = np.column_stack([np.cos(angles), np.sin(angles)])
    return points + rng.normal(0, noise, points.shape)


def test_rips_circle_has_one_long_h1_bar():
    diagrams = tda_eval.rips(circle(), maxdim=1)
    assert len(diagrams) == 2
    for diagram in diagrams:
        assert isinstance(diagram, np.ndarray) and diagram.dtype == np.float64
        assert diagram.ndim == 2 and diagram.shape[1] == 2
    h0, h1 = diagrams
    assert np.isinf(h0[:, 1]).sum() == 1  # one component
    persistence = np.sort(h1[:, 1] - h1[:, 0])[::-1]
    assert persistence[0] > 1.0  # the circle
    assert len(persistence) == 1 or persistence[1] < 0.2 * persistence[0]


def test_rips_distance_matrix_gives_the_same_diagrams():
    points = circle(40)
    matrix = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    a = tda_eval.rips(points, maxdim=1)
    b = tda_eval.rips(matrix, maxdim=1, distance_matrix=True)
    for x, y in zip(a, b):
        np.testing.assert_allclose(np.sort(x, axis=0), np.sort(y, axis=0), rtol=1e-12)


def test_rips_threshold_makes_alive_classes_essential():
    diagrams = tda_eval.rips(circle(), maxdim=1, threshold=0.5)
    h0, h1 = diagrams
    assert np.isinf(h1[:, 1]).sum() == 1  # the hole is still open at 0.5
    report = tda_eval.rips(circle(), maxdim=1, threshold=0.5, report=True)
    assert report["threshold"] == 0.5 and report["maxdim"] == 1 and report["coeff"] == 2
    assert report["points"] == 60
    assert any(math.isinf(d) for _, d in report["diagrams"][1]["pairs"])


def test_rips_other_fields_and_coefficients():
    points = circle(30)
    z3 = tda_eval.rips(points, maxdim=1, coeff=3)
    q = tda_eval.rips(points, maxdim=1, coeff="Q", report=True)
    assert q["coeff"] == "Q"
    assert len(z3[1]) == len(q["diagrams"][1]["pairs"])


def test_rips_equals_cli(cli, examples):
    path = examples / "circle-real.csv"
    expected = _restore_infinity(cli("rips", path, "--maxdim", "1"))
    assert tda_eval.rips(np.loadtxt(path, delimiter=","), maxdim=1, report=True) == expected
    diagrams = tda_eval.rips(np.loadtxt(path, delimiter=","), maxdim=1)
    for diagram, reference in zip(diagrams, expected["diagrams"]):
        assert diagram.tolist() == reference["pairs"]


def test_bottleneck_and_wasserstein_by_hand():
    a = np.array([[0.0, 4.0], [0.0, 0.5]])
    b = np.array([[1.0, 5.0]])
    # (0,4)-(1,5) costs 1 in L-inf; (0,0.5) goes to the diagonal at 0.25.
    assert tda_eval.bottleneck(a, b) == pytest.approx(1.0, abs=1e-12)
    assert tda_eval.wasserstein(a, b, q=1) == pytest.approx(1.25, abs=1e-12)
    assert tda_eval.wasserstein(a, b, q=2) == pytest.approx(math.sqrt(1.0625), abs=1e-12)
    # L2 ground metric: (0,4)-(1,5) costs sqrt 2; (0,0.5) to the diagonal 0.5/sqrt 2.
    assert tda_eval.wasserstein(a, b, q=1, internal_p=2) == pytest.approx(
        math.sqrt(2) + 0.5 / math.sqrt(2), abs=1e-12
    )
    assert tda_eval.bottleneck(a, a) == 0.0
    assert tda_eval.wasserstein([], []) == 0.0
    assert tda_eval.bottleneck([[0, 1]], []) == pytest.approx(0.5)


def test_matching():
    a = [[0.0, 4.0], [0.0, 0.5]]
    b = [[1.0, 5.0]]
    distance, pairs = tda_eval.bottleneck(a, b, matching=True)
    assert distance == pytest.approx(1.0)
    assert pairs.dtype == np.int64 and pairs.shape[1] == 2
    assert sorted(map(tuple, pairs.tolist())) == [(0, 0), (1, -1)]
    distance, pairs = tda_eval.wasserstein(a, b, q=2, matching=True)
    assert sorted(map(tuple, pairs.tolist())) == [(0, 0), (1, -1)]


def test_essential_points():
    assert tda_eval.bottleneck([[0, np.inf]], [[1, np.inf]]) == pytest.approx(1.0)
    assert tda_eval.bottleneck([[0, np.inf]], []) == math.inf
    assert tda_eval.wasserstein([[0, np.inf]], [[0, 1]], q=2) == math.inf
    assert tda_eval.bottleneck([[0, None]], [], ignore_essential=True) == 0.0


def test_diagram_errors():
    with pytest.raises(ValueError, match="diagram"):
        tda_eval.bottleneck([[0, 1, 2]], [])
    with pytest.raises(ValueError, match="death"):
        tda_eval.bottleneck([[2, 1]], [])
    with pytest.raises(ValueError, match="wasserstein must be a finite number"):
        tda_eval.wasserstein([[0, 1]], [], q=0.5)
    with pytest.raises(ValueError, match="internal-p"):
        tda_eval.wasserstein([[0, 1]], [], internal_p=0.5)


def test_rips_errors():
    with pytest.raises(ValueError, match="not a finite number"):
        tda_eval.rips([[0.0, 1.0], [np.nan, 0.0]])
    with pytest.raises(ValueError, match="coeff"):
        tda_eval.rips(circle(10), coeff=1)
    with pytest.raises(ValueError, match="metric"):
        tda_eval.rips(circle(10), metric="cosine")
    with pytest.raises(ValueError, match="distance matrix"):
        tda_eval.rips([[0.0, 1.0], [2.0, 0.0]], distance_matrix=True)
    with pytest.raises(ValueError):
        tda_eval.rips(circle(10), maxdim=-1)


def test_concurrent_calls_agree():
    points = circle(50)
    expected = tda_eval.rips(points, maxdim=1)
    results = [None] * 4

    def work(index):
        results[index] = tda_eval.rips(points, maxdim=1)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        for x, y in zip(result, expected):
            assert np.array_equal(x, y)
