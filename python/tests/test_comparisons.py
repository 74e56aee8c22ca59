import math
from pathlib import Path

import numpy as np
import pytest

import tda_eval
from tda_eval import _restore_infinity


def load(path):
    return np.loadtxt(path, delimiter=",")


def renamed(value, old, new):
    """`value` with the file name `old` in its messages replaced by `new`."""
    if isinstance(value, dict):
        return {k: renamed(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [renamed(v, old, new) for v in value]
    return value.replace(old, new) if isinstance(value, str) else value


def without_timings(report):
    """The report without its timings, the baseline's and the matched comparison's included."""
    if not isinstance(report, dict):
        return report
    return {key: without_timings(value) for key, value in report.items() if key != "timings"}


def test_metrics_equal_cli(cli, examples):
    real, synth = examples / "circle-real.csv", examples / "circle-synth.csv"
    expected = _restore_infinity(cli("metrics", real, synth))
    assert tda_eval.metrics(load(real), load(synth)) == expected
    assert tda_eval.metrics(real, synth) == expected  # paths, read as the CLI reads them
    expected = _restore_infinity(cli("metrics", real, synth, "--k", 3, "--balls", "closed", "--bins", 5))
    assert tda_eval.metrics(load(real), load(synth), k=3, balls="closed", bins=5) == expected


def test_metrics_fields():
    rng = np.random.default_rng(1)
    real, synth = rng.normal(size=(80, 3)), rng.normal(size=(70, 3))
    result = tda_eval.metrics(real, synth, k=5)
    for key in ("distance", "k", "balls", "precision", "recall", "density", "coverage", "realism", "dcr"):
        assert key in result
    assert result["distance"] == "euclidean" and result["k"] == 5
    assert 0 <= result["precision"] <= 1 and 0 <= result["recall"] <= 1


def test_pandas_frame_with_text_column_equals_cli(cli, tmp_path):
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(7)

    def frame(n, shift):
        angles = rng.uniform(0, 2 * np.pi, n)
        return pd.DataFrame({
            "x": np.cos(angles) + shift,
            "y": np.sin(angles),
            "group": np.where(angles < np.pi, "upper", "lower"),
            "grade": rng.choice(["low", "mid", "high"], n),
        })

    real, synth = frame(120, 0.0), frame(100, 0.1)
    real.loc[3, "x"] = np.nan  # a missing cell: Gower skips it
    real_path, synth_path = tmp_path / "real.csv", tmp_path / "synth.csv"
    real.to_csv(real_path, index=False)
    synth.to_csv(synth_path, index=False)
    def expected(*args):  # messages name the frames <real> and <synthetic>
        report = _restore_infinity(cli("metrics", real_path, synth_path, *args))
        return renamed(renamed(report, str(real_path), "<real>"), str(synth_path), "<synthetic>")

    result = tda_eval.metrics(real, synth, k=4)
    assert result["distance"] == "gower"
    assert result == expected("--k", 4)
    assert tda_eval.metrics(real, synth, ordinal=["grade"]) == expected("--ordinal", "grade")


def test_numeric_frame_equals_array():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(2)
    real, synth = rng.normal(size=(50, 2)), rng.normal(size=(40, 2))
    frames = pd.DataFrame(real, columns=["a", "b"]), pd.DataFrame(synth, columns=["a", "b"])
    assert tda_eval.metrics(*frames) == tda_eval.metrics(real, synth)
    # Table options send the numbers as CSV text: the same numbers come back.
    assert tda_eval.metrics(*frames, distance="euclidean", columns=["a", "b"]) == tda_eval.metrics(real, synth)


def test_registry_with_schema_equals_cli(cli, examples):
    real, synth = examples / "registry-real.csv", examples / "registry-synth.csv"
    schema = examples / "registry-schema.json"
    expected = _restore_infinity(cli("metrics", real, synth, "--schema", schema))
    assert tda_eval.metrics(real, synth, schema=schema) == expected
    import json
    assert tda_eval.metrics(real, synth, schema=json.loads(schema.read_text())) == expected


def test_kde_and_gscore_equal_cli(cli, examples):
    real, synth = examples / "circle-real.csv", examples / "circle-synth.csv"
    assert tda_eval.kde(load(real), load(synth)) == _restore_infinity(cli("kde", real, synth))
    assert tda_eval.kde(load(real), load(synth), bandwidth=0.3) == _restore_infinity(
        cli("kde", real, synth, "--bandwidth", 0.3))
    expected = _restore_infinity(cli("gscore", real, synth, "--trials", 10, "--seed", 3, "--gamma", 0.125))
    assert tda_eval.gscore(load(real), load(synth), trials=10, seed=3, gamma=0.125) == expected


def test_privacy_equals_cli(cli, examples):
    real, synth = examples / "circle-real.csv", examples / "circle-synth.csv"
    holdout = examples / "two-circles-synth.csv"
    expected = _restore_infinity(cli("privacy", real, synth, "--holdout", holdout))
    result = tda_eval.privacy(load(real), load(synth), load(holdout))
    assert result == expected
    assert "membership" in result and 0 <= result["membership"]["auc"] <= 1
    assert tda_eval.privacy(load(real), load(synth)) == _restore_infinity(cli("privacy", real, synth))


def test_privacy_attribute_inference_equals_cli(cli, examples):
    real, synth = examples / "registry-real.csv", examples / "registry-synth.csv"
    schema = examples / "registry-schema.json"
    expected = _restore_infinity(cli(
        "privacy", real, synth, "--schema", schema, "--quasi-identifiers", "age,sex,site",
        "--sensitive", "diabetes"))
    result = tda_eval.privacy(real, synth, schema=schema, quasi_identifiers=["age", "sex", "site"],
                              sensitive="diabetes")
    assert result == expected


def test_fidelity_equals_cli(cli, examples):
    real, synth = examples / "registry-real.csv", examples / "registry-synth.csv"
    schema = examples / "registry-schema.json"
    expected = _restore_infinity(cli("fidelity", real, synth, "--schema", schema))
    result = tda_eval.fidelity(real, synth, schema=schema)
    assert result == expected
    assert 0 <= result["quality"] <= 1
    associations = result["associations"]
    size = len(associations["columns"])
    for side in ("real", "synthetic"):
        assert np.asarray(associations[side]).shape == (size, size)


def test_evaluate_equals_cli(cli, examples):
    real, synth = examples / "circle-real.csv", examples / "circle-synth.csv"
    args = ["--trials", 5, "--persistence-points", 120, "--seed", 2, "--k", 3]
    expected = _restore_infinity(cli("evaluate", real, synth, *args))
    result = tda_eval.evaluate(load(real), load(synth), trials=5, persistence_points=120, seed=2, k=3)
    assert isinstance(result, tda_eval.Evaluation) and isinstance(result, dict)
    assert set(result) == set(expected)
    assert {"baseline", "matched", "readings", "fidelity", "standardized"} <= set(result)
    assert without_timings(result) == without_timings(expected)


def test_evaluate_readings_and_bootstrap_equal_cli(cli, examples):
    real, synth = examples / "circle-real.csv", examples / "circle-synth.csv"
    args = ["--skip", "persistence,gscore", "--bootstrap", 4, "--seed", 3, "--standardize"]
    expected = _restore_infinity(cli("evaluate", real, synth, *args))
    result = tda_eval.evaluate(load(real), load(synth), skip=["persistence", "gscore"], bootstrap=4,
                               seed=3, standardize=True)
    assert without_timings(result) == without_timings(expected)
    assert result["baseline"]["source"] == "halves"
    assert result["standardized"] == ["metrics", "kde", "privacy"]
    recall = next(r for r in result["readings"] if r["metric"] == "metrics.recall")
    assert recall["value"] == result["metrics"]["recall"]
    assert recall["baseline"] == result["baseline"]["metrics"]["recall"]
    assert recall["matched"] == result["matched"]["metrics"]["recall"]
    assert recall["verdict"] in ("consistent", "differs")
    assert recall["interval"][0] <= recall["interval"][1]
    assert len(recall["baseline_interval"]) == 2
    without = tda_eval.evaluate(load(real), load(synth), skip=["persistence", "gscore"], baseline=False)
    assert "readings" not in without and "baseline" not in without


def test_evaluate_skip_and_infinite_distances():
    rng = np.random.default_rng(3)
    real = rng.normal(size=(40, 2))
    synth = np.vstack([rng.normal(size=(20, 2)), rng.normal(size=(20, 2)) + 20])
    # A threshold below the gap between the two blobs: two essential H0 classes against one.
    result = tda_eval.evaluate(real, synth, skip=["gscore", "kde", "privacy"], threshold=3.0, bins=0)
    assert "gscore" in result["omitted"] or result.get("gscore") is None
    distances = result["diagrams"]["distances"]
    assert distances[0]["bottleneck"] == math.inf
    assert distances[0]["wasserstein1"] == math.inf
    pairs = result["diagrams"]["real"]["diagrams"][0]["pairs"]
    assert any(death == math.inf for _, death in pairs)
    assert None not in [death for _, death in pairs]


def test_evaluations_to_frame():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(4)
    real = rng.normal(size=(60, 2))
    reports = {
        f"shift-{shift}": tda_eval.evaluate(real, rng.normal(size=(60, 2)) + shift,
                                            skip=["gscore"], persistence_points=60, bins=5)
        for shift in (0.0, 1.0)
    }
    frame = tda_eval.to_frame(reports)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["name"]) == ["shift-0.0", "shift-1.0"]
    assert "metrics.precision" in frame.columns
    assert "diagrams.distances.1.bottleneck" in frame.columns
    assert not any(column.startswith("timings") for column in frame.columns)
    assert frame["metrics.precision"].iloc[0] > frame["metrics.precision"].iloc[1]
    one = reports["shift-0.0"].to_frame(name="a")
    assert one.shape[0] == 1 and one["name"].iloc[0] == "a"
    assert reports["shift-0.0"].flat()["metrics.k"] == 5


def test_errors_raise_value_error_with_message(examples, tmp_path):
    rng = np.random.default_rng(5)
    real, synth = rng.normal(size=(30, 2)), rng.normal(size=(30, 2))
    with pytest.raises(ValueError, match="--k must be at least 1, got 0"):
        tda_eval.metrics(real, synth, k=0)
    with pytest.raises(ValueError, match="--balls must be open or closed"):
        tda_eval.metrics(real, synth, balls="ajar")
    with pytest.raises(ValueError, match="unknown option 'kk'"):
        tda_eval.metrics(real, synth, kk=3)
    with pytest.raises(ValueError, match="dimension"):
        tda_eval.metrics(real, rng.normal(size=(30, 3)))
    with pytest.raises(ValueError, match="not a finite number"):
        tda_eval.metrics(np.array([[0.0, np.inf]] * 5), synth)
    with pytest.raises(ValueError, match="--skip names an unknown part 'nothing'"):
        tda_eval.evaluate(real, synth, skip=["nothing"])
    with pytest.raises(ValueError, match="--bins must be between 0 and the real sample's 30 rows"):
        tda_eval.metrics(real, synth, bins=31)
    with pytest.raises(ValueError, match="--k must be an integer"):
        tda_eval.metrics(real, synth, k=True)
    with pytest.raises(ValueError, match="--distance must be"):
        tda_eval.metrics(real, synth, distance="cosine")
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n3,oops\n")
    with pytest.raises(ValueError, match="bad.csv"):
        tda_eval.metrics(bad, examples / "circle-synth.csv")
    with pytest.raises(FileNotFoundError):
        tda_eval.metrics(tmp_path / "missing.csv", synth)


LEARNING = Path(__file__).resolve().parents[2] / "Tests" / "LearningTests" / "Resources" / "learning"


def test_detect_equals_cli(cli):
    real, synth = LEARNING / "pima_real.csv", LEARNING / "pima_synth_missing.csv"
    expected = cli("detect", real, synth, "--seed", 3, "--permutations", 200)
    result = tda_eval.detect(real, synth, seed=3, permutations=200)
    assert result == expected
    assert set(result["logistic"]) >= {"auc", "score"}
    assert set(result["nearest_neighbour"]) >= {"accuracy", "p_value"}


def test_detect_takes_frames_and_arrays():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(4)
    real, synth = rng.normal(size=(60, 3)), rng.normal(size=(50, 3)) + 3
    result = tda_eval.detect(real, synth, permutations=50)
    assert result["logistic"]["auc"] > 0.95 and result["nearest_neighbour"]["accuracy"] > 0.9
    frames = tda_eval.detect(pd.DataFrame(real), pd.DataFrame(synth), permutations=50)
    assert frames == result


def test_utility_equals_cli(cli):
    real, synth, test = (LEARNING / f"pbc_{name}.csv" for name in ("real", "synth", "test"))
    expected = cli("utility", real, synth, "--test", test, "--target", "status", "--categorical", "status,sex")
    result = tda_eval.utility(real, synth, test=test, target="status", categorical=["status", "sex"])
    assert result == expected
    assert result["task"] == "classification" and set(result["models"]) == {"logistic", "knn"}


def test_utility_errors():
    real = LEARNING / "pbc_real.csv"
    with pytest.raises(ValueError, match="nope"):
        tda_eval.utility(real, real, test=real, target="nope")


def test_evaluate_over_rationals_equals_rips():
    rng = np.random.default_rng(7)
    real, synth = rng.normal(size=(30, 2)), rng.normal(size=(25, 2))
    parts = ["metrics", "kde", "gscore", "privacy", "fidelity", "detect"]
    result = tda_eval.evaluate(real, synth, coeff="Q", skip=parts, baseline=False)
    assert result["parameters"]["coeff"] == "Q"
    for name, sample in (("real", real), ("synthetic", synth)):
        summary = result["diagrams"][name]
        assert summary["coeff"] == "Q"
        rips = tda_eval.rips(sample, coeff="Q", report=True)
        assert [d["pairs"] for d in summary["diagrams"]] == [
            [list(pair) for pair in d["pairs"]] for d in rips["diagrams"]]
    # A prime is the same given as a number or as its digits, as on the command line.
    three = tda_eval.evaluate(real, synth, coeff=3, skip=parts, baseline=False)
    digits = tda_eval.evaluate(real, synth, coeff="3", skip=parts, baseline=False)
    assert three["parameters"]["coeff"] == 3
    assert without_timings(three) == without_timings(digits)
    for bad in (4, "x", "65537"):
        with pytest.raises(ValueError, match="coeff must be a prime between 2 and 65521, or Q"):
            tda_eval.evaluate(real, synth, coeff=bad, skip=parts, baseline=False)
        with pytest.raises(ValueError, match="coeff must be a prime between 2 and 65521, or Q"):
            tda_eval.rips(real, coeff=bad)
