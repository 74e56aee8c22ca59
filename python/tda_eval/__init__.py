"""tda-eval from Python: topological and geometric metrics comparing real and synthetic data.

Every function calls the Swift library through its C ABI (Sources/CTDAEval) and returns what
`tda-eval COMMAND --json` prints, parsed: the same keys and the same numbers, with infinite
deaths and distances as ``float('inf')`` (JSON ``null`` elsewhere stays ``None``).

Samples are numpy arrays (one point per row), anything ``numpy.asarray`` takes, pandas data
frames (numeric frames go in as float64 buffers; frames with text, categorical, boolean or
missing cells as CSV text through the CLI's table reader) or paths of CSV files (read as the
CLI reads them).
"""
import json
import math
import os
from importlib import metadata as _metadata

import numpy as np

from . import _native

__all__ = [
    "rips",
    "bottleneck",
    "wasserstein",
    "metrics",
    "kde",
    "gscore",
    "privacy",
    "fidelity",
    "detect",
    "utility",
    "evaluate",
    "Evaluation",
    "flatten",
    "to_frame",
]
# The version of the installed distribution, which setup.py reads from Sources/TDAEval/Version.swift.
__version__ = _metadata.version("tda-eval")

# Options that make the CLI read samples as tables (with `columns`, which needs names).
_TABLE_OPTIONS = ("categorical", "ordinal", "ignore", "schema", "na_values", "columns", "delimiter")
# Keys whose JSON null means +inf (distances, the L-infinity ground metric).
_INFINITE_KEYS = {"distance", "bottleneck", "wasserstein1", "wasserstein2", "internal_p"}


# MARK: - Diagrams


def _diagram_arrays(diagrams):
    result = []
    for diagram in diagrams:
        pairs = [[b, math.inf if d is None else d] for b, d in diagram["pairs"]]
        result.append(np.array(pairs, dtype=np.float64).reshape(-1, 2))
    return result


def rips(points, maxdim=1, coeff=2, threshold=None, *, metric="euclidean", distance_matrix=False,
         index_width=None, threads=None, report=False):
    """Persistence diagrams of the Vietoris–Rips filtration of a point cloud (n × d) or, with
    ``distance_matrix=True``, of a symmetric n × n distance matrix.

    Returns a list with one (m, 2) float64 array of (birth, death) rows per dimension 0…maxdim,
    ``np.inf`` for essential classes; with ``report=True``, the dict of ``tda-eval rips --json``
    (``maxdim``, ``coeff``, ``threshold``, ``points``, ``diagrams``) with infinite deaths as inf.
    ``coeff`` is a prime p (Z/p) or ``"Q"``.
    """
    array = _as_matrix(points, "points")
    array, pointer = _native.as_buffer(array)
    options = _options(maxdim=maxdim, coeff=coeff, threshold=threshold, metric=metric,
                       distance_matrix=distance_matrix, index_width=index_width, threads=threads)
    result = _native.call("tda_rips", pointer, array.shape[0], array.shape[1], options)
    if report:
        return _restore_infinity(result)
    return _diagram_arrays(result["diagrams"])


def _as_diagram(diagram, name):
    if diagram is None:
        return np.zeros((0, 2))
    rows = [[math.inf if v is None else v for v in row] for row in diagram] if isinstance(diagram, list) else diagram
    array = np.asarray(rows, dtype=np.float64)
    if array.size == 0:
        return np.zeros((0, 2))
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"{name}: a diagram is an (m, 2) array of (birth, death) rows, got shape {array.shape}")
    return array


def _distance(a, b, options, matching):
    a = _as_diagram(a, "first diagram")
    b = _as_diagram(b, "second diagram")
    a, pa = _native.as_buffer(a)
    b, pb = _native.as_buffer(b)
    result = _restore_infinity(_native.call("tda_distance", pa, a.shape[0], pb, b.shape[0], options))
    if matching:
        pairs = np.array(result.get("matching") or [], dtype=np.int64).reshape(-1, 2)
        return result["distance"], pairs
    return result["distance"]


def bottleneck(a, b, *, relative_error=0.0, ignore_essential=False, matching=False):
    """The bottleneck distance between two diagrams ((m, 2) arrays; inf deaths are essential).

    With ``matching=True``, returns ``(distance, pairs)``: an (r, 2) int array of index pairs into
    ``a`` and ``b``, −1 for the diagonal. An infinite distance (essential counts differ) is inf.
    """
    options = _options(metric="bottleneck", relative_error=relative_error,
                       ignore_essential=ignore_essential, matching=matching)
    return _distance(a, b, options, matching)


def wasserstein(a, b, q=1, internal_p=np.inf, relative_error=0.0, *, method="automatic",
                ignore_essential=False, matching=False):
    """The Wasserstein distance of order ``q`` between two diagrams, ground metric L_internal_p.

    ``relative_error=0`` (the default here) is exact; a positive value allows the certified
    auction (the CLI's default is 0.01). With ``matching=True``, returns ``(distance, pairs)``.
    """
    options = _options(metric="wasserstein", order=q, internal_p=internal_p,
                       relative_error=relative_error, method=method,
                       ignore_essential=ignore_essential, matching=matching)
    return _distance(a, b, options, matching)


# MARK: - Comparisons


def metrics(real, synthetic, holdout=None, **options):
    """``tda-eval metrics --json``: precision, recall, density, coverage, realism, DCR, NDB/K.

    Options (the CLI's long options in snake_case): k, balls, standardize, bins, seed, and the
    table options distance, missing, categorical, ordinal, ignore, schema (a path or a dict),
    na_values, columns, delimiter.
    """
    return _compare("metrics", real, synthetic, holdout, options)


def kde(real, synthetic, **options):
    """``tda-eval kde --json``: mean log-likelihoods of each sample under the other's KDE.
    Options: bandwidth (scott, silverman, a number; on mixed tables normal_reference or a list),
    and the table options."""
    return _compare("kde", real, synthetic, None, options)


def gscore(real, synthetic, **options):
    """``tda-eval gscore --json``: the geometry score and both MRLT vectors.
    Options: landmarks, gamma (a number or "reference"), imax, trials, seed, threads, standardize,
    and the table options; the defaults are every command's (see docs/readings.md)."""
    return _compare("gscore", real, synthetic, None, options)


def privacy(real, synthetic, holdout=None, **options):
    """``tda-eval privacy --json``: DCR, NNDR, identifiability, and with a holdout the membership
    attack. Options: quasi_identifiers and sensitive (attribute inference, tables), and the table
    options."""
    return _compare("privacy", real, synthetic, holdout, options)


def fidelity(real, synthetic, **options):
    """``tda-eval fidelity --json``: column shapes and column pair trends as SDMetrics' quality
    report computes them, Wasserstein-1, missing rates and coverage. Options: the table options."""
    return _compare("fidelity", real, synthetic, None, options)


def detect(real, synthetic, **options):
    """``tda-eval detect --json``: logistic detection (mean ROC AUC over seeded stratified folds
    and SDMetrics' score) and the exact 1-NN two-sample test with its permutation p-value.
    Options: folds, permutations, seed, and the table options. Samples are read as tables."""
    return _compare("detect", real, synthetic, None, options, tables=True)


def utility(real, synthetic, *, test, target, **options):
    """``tda-eval utility --json``: models trained on the real and on the synthetic table, scored
    on the real ``test`` table, predicting the column ``target``. Options: task
    ("classification" or "regression"), and the table options. Samples are read as tables."""
    return _compare("utility", real, synthetic, test, dict(options, target=target), tables=True)


def evaluate(real, synthetic, holdout=None, **options):
    """``tda-eval evaluate --json``: every metric for the pair, as an :class:`Evaluation` (a dict).

    Options: skip (a list of parts: persistence, metrics, kde, gscore, privacy, fidelity,
    detect, utility), maxdim, coeff (a prime p or "Q"), threshold, persistence_points,
    relative_error, k, balls,
    standardize, bins, bandwidth, landmarks, gamma (a number or "reference"), imax, trials, seed,
    baseline (False skips the baseline and the readings), bootstrap (replicates of the percentile
    intervals), folds and permutations (of ``detect``), target (adds ``utility``, scored on the
    holdout) and task, and the table options. Besides the metrics the dict holds ``baseline`` (the same metrics between
    two seeded halves of the real sample, or the real sample and the holdout), ``matched``,
    ``readings`` (one per scalar metric: ``metric``, ``value``, ``matched``, ``baseline``,
    intervals with ``bootstrap``, ``verdict`` and ``text``), ``fidelity``, ``standardized``
    (see docs/readings.md), ``detect`` and ``utility`` (as :func:`detect` and :func:`utility`). ``timings`` differ from run to run; everything else is the CLI's
    output.
    """
    return Evaluation(_compare("evaluate", real, synthetic, holdout, options))


def _compare(command, real, synthetic, holdout, options, tables=False):
    options = dict(options)
    if "holdout" in options:
        raise TypeError("give the holdout as the third argument, not an option")
    schema = options.pop("schema", None)
    if isinstance(schema, dict):
        options["schema_json"] = json.dumps(schema)
    elif schema is not None:
        options["schema"] = os.fspath(schema)
    samples = [_sample(real, "real"), _sample(synthetic, "synthetic")]
    if holdout is not None:
        samples.append(_sample(holdout, "holdout"))
    as_csv = tables or any(kind == "csv" for kind, *_ in samples) or any(
        options.get(key) is not None for key in _TABLE_OPTIONS + ("schema_json",)
    ) or options.get("distance") == "gower" or options.get("missing", "error") != "error"
    if not as_csv:
        arrays = [value for _, value, _ in samples]
        for array, name in zip(arrays[1:], ("synthetic", "holdout")):
            if array.shape[1] != arrays[0].shape[1]:
                raise ValueError(
                    f"the real sample has dimension {arrays[0].shape[1]} but the {name} sample "
                    f"has dimension {array.shape[1]}"
                )
        names = samples[0][2]
        if names is not None:
            options["column_names"] = names
        buffers = [_native.as_buffer(a) for a in arrays]
        held = buffers[2] if len(buffers) > 2 else (None, _native.null_pointer())
        result = _native.call(
            "tda_compare", command.encode(),
            buffers[0][1], arrays[0].shape[0],
            buffers[1][1], arrays[1].shape[0],
            held[1], 0 if held[0] is None else held[0].shape[0],
            arrays[0].shape[1], _options(**options))
    else:
        texts, files = zip(*(_csv(kind, value, extra, name)
                             for (kind, value, extra), name in zip(samples, ("real", "synthetic", "holdout"))))
        options["files"] = list(files)
        result = _native.call(
            "tda_compare_csv", command.encode(), texts[0], texts[1],
            texts[2] if len(texts) > 2 else None, _options(**options))
    return _restore_infinity(result)


def _sample(value, name):
    """("array", float64 (n, d) array, column names or None) or ("csv", bytes, file name)."""
    if isinstance(value, (str, bytes, os.PathLike)) and not isinstance(value, bytes):
        path = os.fspath(value)
        with open(path, "rb") as handle:
            return ("csv", handle.read(), path)
    if _is_frame(value):
        frame = value
        numeric = all(
            str(dtype) not in ("bool", "boolean") and np.issubdtype(dtype, np.number)
            if isinstance(dtype, np.dtype) else False
            for dtype in frame.dtypes
        )
        names = [_column_name(c) for c in frame.columns]
        if numeric and frame.shape[1] > 0:
            array = frame.to_numpy(dtype=np.float64)
            if np.isfinite(array).all():
                return ("array", array, names)
        frame = frame.copy()
        frame.columns = names
        return ("csv", frame.to_csv(index=False).encode("utf-8"), f"<{name}>")
    return ("array", _as_matrix(value, name), None)


def _column_name(column):
    text = str(column)
    try:
        float(text)
    except ValueError:
        return text
    return f"x{text}"  # a numeric header would read as a data row


def _is_frame(value):
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_csv")


def _csv(kind, value, extra, name):
    if kind == "csv":
        return value, extra
    names = extra or [f"x{j}" for j in range(value.shape[1])]
    lines = [",".join(names)] + [",".join(repr(float(v)) for v in row) for row in value]
    return ("\n".join(lines) + "\n").encode("utf-8"), f"<{name}>"


def _as_matrix(value, name):
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name}: not a numeric array ({error}); pass a pandas DataFrame for tables") from None
    if array.ndim == 1:
        array = array.reshape(-1, 1)
    if array.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D array (one point per row), got shape {array.shape}")
    if not np.isfinite(array).all():
        row, column = np.argwhere(~np.isfinite(array))[0]
        raise ValueError(
            f"{name}: row {row}, column {column} (0-based) is {array[row, column]}, not a finite number"
        )
    return array


def _plain(value):
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def _options(**options):
    plain = {key: _plain(value) for key, value in options.items() if value is not None}
    return json.dumps(plain).encode("utf-8")


def _restore_infinity(value, key=None):
    """JSON null as +inf where the CLI writes an infinity as null."""
    if isinstance(value, dict):
        return {k: _restore_infinity(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key == "pairs" and all(isinstance(p, list) and len(p) == 2 for p in value):
            # A diagram's [birth, death] pairs (fidelity's "pairs" are objects).
            return [[b, math.inf if d is None else d] for b, d in value]
        return [_restore_infinity(v, None) for v in value]
    if value is None and key in _INFINITE_KEYS:
        return math.inf
    return value


# MARK: - Evaluations as tables


class Evaluation(dict):
    """The report of :func:`evaluate`: a dict equal to ``tda-eval evaluate --json`` (infinite
    distances as inf), with its scalars as a flat dict or a one-row pandas frame."""

    def flat(self, timings=False):
        """Every scalar by dotted name, as ``tda-eval merge`` names them."""
        return flatten(self, timings=timings)

    def to_frame(self, name=None, timings=False):
        """A one-row pandas DataFrame (columns: ``name``, then dotted names, sorted)."""
        return to_frame([self], names=None if name is None else [name], timings=timings)


def flatten(report, timings=False):
    """The scalars of a report by dotted name (``metrics.precision``,
    ``diagrams.distances.1.bottleneck``): objects key by key, lists of objects index by index,
    lists of numbers left out, ``timings`` (the baseline's too) left out unless asked for — as
    ``tda-eval merge``."""
    cells = {}

    def visit(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                if timings or k != "timings":
                    visit(v, f"{path}.{k}" if path else k)
        elif isinstance(value, list):
            if all(isinstance(v, dict) for v in value):
                for index, v in enumerate(value):
                    visit(v, f"{path}.{index}")
        else:
            cells[path] = value

    for key, value in report.items():
        if timings or key != "timings":
            visit(value, key)
    return dict(sorted(cells.items()))


def to_frame(reports, names=None, timings=False):
    """Evaluations as a pandas DataFrame: one row per report, a ``name`` column (``names``, the
    keys of a dict of reports, or 0, 1, …) and a column per dotted scalar name, sorted; absent
    values are NaN."""
    import pandas as pd

    if isinstance(reports, dict) and not isinstance(reports, Evaluation):
        names, reports = list(reports.keys()), list(reports.values())
    reports = list(reports)
    if names is None:
        names = list(range(len(reports)))
    rows = [flatten(report, timings=timings) for report in reports]
    columns = sorted(set().union(*rows)) if rows else []
    frame = pd.DataFrame(rows, columns=columns)
    frame.insert(0, "name", list(names))
    return frame
