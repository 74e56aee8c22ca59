"""statsmodels KDEMultivariate references for Sources/SampleMetrics/TableKernelDensity.swift.

Run from the repository root:

    python3 -m venv .venv-kde
    .venv-kde/bin/pip install numpy scipy statsmodels pandas
    .venv-kde/bin/python Scripts/references/make_table_kde_references.py

Writes Tests/SampleMetricsTests/Resources/table_kde/: two seeded tables (real.csv, synth.csv: numeric
x and y, categorical colour with a label only the synthetic table has, ordinal grade with levels
1, 2, 3, 5 so that ranks differ from values) and kde.json, the bandwidths, per-row pdf and log pdf,
and mean log pdf that statsmodels gives for several column choices, bandwidth rules and fits.

statsmodels sees numbers only, so the labels are coded here as tda-eval's Table.encode codes them:
a categorical column's labels of the real table sorted (by value when all are numbers, otherwise as
text), then the labels only the synthetic table has in order of first appearance; an ordinal column
by its rank among the sorted levels of the real table (0-based).
"""

import json
import os
import sys

import numpy as np
import scipy
import statsmodels
from statsmodels.nonparametric.kernel_density import KDEMultivariate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "SampleMetricsTests", "Resources", "table_kde")


def make_tables():
    rng = np.random.default_rng(20240611)
    colours = ["red", "green", "blue"]
    grades = [1, 2, 3, 5]

    def table(n, shift, colour_p, grade_p, extra=None):
        x = rng.normal(shift, 1.0, n)
        y = 10 + 3 * x + rng.normal(0, 2.0, n)
        colour = list(rng.choice(colours, n, p=colour_p))
        grade = list(rng.choice(grades, n, p=grade_p))
        if extra is not None:
            for i in extra:
                colour[i] = "violet"
        return x, y, colour, grade

    real = table(60, 0.0, [0.5, 0.3, 0.2], [0.3, 0.3, 0.2, 0.2])
    synth = table(50, 0.4, [0.3, 0.4, 0.3], [0.2, 0.3, 0.3, 0.2], extra=[3, 17, 41])
    return real, synth


def write_csv(path, columns):
    x, y, colour, grade = columns
    with open(path, "w", newline="\n") as f:
        f.write("x,y,colour,grade\n")
        for row in zip(x, y, colour, grade):
            f.write(f"{float(row[0])!r},{float(row[1])!r},{row[2]},{row[3]}\n")


def codes(real_labels, synth_labels):
    present = sorted(set(real_labels))
    for label in synth_labels:
        if label not in present:
            present.append(label)
    return {label: float(i) for i, label in enumerate(present)}


def matrix(columns, names, colour_codes, grade_ranks):
    x, y, colour, grade = columns
    all_columns = {
        "x": np.asarray(x, dtype=float),
        "y": np.asarray(y, dtype=float),
        "colour": np.asarray([colour_codes[c] for c in colour]),
        "grade": np.asarray([grade_ranks[g] for g in grade]),
    }
    return np.column_stack([all_columns[name] for name in names])


def main():
    os.makedirs(OUT, exist_ok=True)
    real, synth = make_tables()
    write_csv(os.path.join(OUT, "real.csv"), real)
    write_csv(os.path.join(OUT, "synth.csv"), synth)
    colour_codes = codes(real[2], synth[2])
    grade_ranks = {g: float(i) for i, g in enumerate(sorted(set(real[3])))}

    kinds = {"x": "c", "y": "c", "colour": "u", "grade": "o"}
    settings = [
        (["x", "y", "colour"], "normal_reference"),
        (["x", "y", "colour"], [0.7, 2.5, 0.3]),
        (["x", "colour", "grade"], "normal_reference"),
        (["x", "y", "colour", "grade"], "normal_reference"),
        (["x", "y", "colour", "grade"], [0.5, 1.5, 0.45, 0.6]),
        (["grade"], "normal_reference"),
    ]
    cases = []
    for names, bw in settings:
        var_type = "".join(kinds[name] for name in names)
        for fit, train, evaluate in [("real", real, synth), ("synth", synth, real)]:
            x_train = matrix(train, names, colour_codes, grade_ranks)
            x_eval = matrix(evaluate, names, colour_codes, grade_ranks)
            kde = KDEMultivariate(x_train, var_type=var_type, bw=bw, rng=np.random.default_rng(0))
            pdf = np.atleast_1d(kde.pdf(x_eval)).astype(float)
            assert np.all(pdf > 1e-300), "a pdf underflows; the reference would be meaningless"
            log_pdf = np.log(pdf)
            cases.append({
                "columns": names,
                "var_type": var_type,
                "rule": bw if isinstance(bw, str) else "fixed",
                "fit": fit,
                "bandwidths": [float(v) for v in kde.bw],
                "train_levels": {name: int(np.unique(x_train[:, j]).size)
                                 for j, name in enumerate(names) if kinds[name] == "u"},
                "pdf": [float(v) for v in pdf],
                "log_pdf": [float(v) for v in log_pdf],
                "mean_log_pdf": float(np.mean(log_pdf)),
            })

    reference = {
        "generator": "Scripts/references/make_table_kde_references.py",
        "command": ".venv-kde/bin/python Scripts/references/make_table_kde_references.py",
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
        },
        "call": "KDEMultivariate(train, var_type, bw).pdf(evaluate); train/evaluate are real.csv and "
                "synth.csv coded as the docstring says ('fit' names the training table)",
        "codes": {"colour": colour_codes, "grade": {str(g): r for g, r in grade_ranks.items()}},
        "cases": cases,
    }
    with open(os.path.join(OUT, "kde.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
