#!/usr/bin/env python3
"""Timings of `tda-eval detect` and `tda-eval utility` against the Python pipelines that compute
the same measures, each a whole process (interpreter start, imports and CSV reading included).

Data (--write DIR): real, synthetic and test tables of n rows (default 10,000): 8 numeric columns
x0..x7 ~ N(0, 1) (x0..x3 shifted by 0.1 in the synthetic table), 4 categorical columns c0..c3 with
3..6 levels written "L0", "L1", ..., and a binary target y drawn from a logistic model of x0, x1,
c0 ("yes"/"no"); numpy RandomState(0), (1), (2) for real, synthetic, test.

Peers (--peer NAME DIR), what a user of scikit-learn / SDMetrics runs for the same numbers:
  detect   SDMetrics 0.32 LogisticDetection.compute(real, synth, metadata) (3 folds) and the
           leave-one-out 1-NN two-sample test on the pooled rows (one-hot + standardised features,
           sklearn NearestNeighbors(n_neighbors=2) brute force, 1000 label permutations in numpy)
  utility  for the real and the synthetic table: ColumnTransformer(StandardScaler,
           OneHotEncoder(handle_unknown='ignore')) then LogisticRegression() and
           KNeighborsClassifier(5), scored on the test table (accuracy, balanced accuracy, macro F1,
           ROC AUC)

Run (the figures in Benchmarks/README.md):
  PY=.venv-tables/bin/python; D=/tmp/learning-bench
  $PY Benchmarks/peers/learning_ratios.py --write $D
  farm-bench -n 5 --timeout 900 -- .build/release/tda-eval detect $D/real.csv $D/synth.csv \
      --vs "$PY Benchmarks/peers/learning_ratios.py --peer detect $D"
  farm-bench -n 5 --timeout 900 -- .build/release/tda-eval utility $D/real.csv $D/synth.csv \
      --test $D/test.csv --target y --vs "$PY Benchmarks/peers/learning_ratios.py --peer utility $D"
"""
import argparse
import os
import sys


def write(directory, n):
    import numpy as np
    import pandas as pd

    os.makedirs(directory, exist_ok=True)
    for name, seed, shift in (("real", 0, 0.0), ("synth", 1, 0.1), ("test", 2, 0.0)):
        rs = np.random.RandomState(seed)
        data = {f"x{i}": rs.normal(shift if i < 4 else 0.0, 1.0, n).round(4) for i in range(8)}
        for j in range(4):
            data[f"c{j}"] = np.array([f"L{v}" for v in rs.randint(0, j + 3, n)])
        logit = 1.2 * data["x0"] - 0.8 * data["x1"] + (data["c0"] == "L1") - 0.3
        data["y"] = np.where(rs.random_sample(n) < 1 / (1 + np.exp(-logit)), "yes", "no")
        pd.DataFrame(data).to_csv(os.path.join(directory, f"{name}.csv"), index=False)


def read(directory, name):
    import pandas as pd

    return pd.read_csv(os.path.join(directory, f"{name}.csv"))


def detect(directory):
    import numpy as np
    import pandas as pd
    from sdmetrics.single_table import LogisticDetection
    from sklearn.neighbors import NearestNeighbors

    real, synth = read(directory, "real"), read(directory, "synth")
    metadata = {"columns": {c: {"sdtype": "categorical" if real[c].dtype == object else "numerical"}
                            for c in real.columns}}
    score = LogisticDetection.compute(real, synth, metadata)
    pooled = pd.get_dummies(pd.concat([real, synth], ignore_index=True), dtype=float).to_numpy()
    pooled = (pooled - pooled.mean(axis=0)) / np.where(pooled.std(axis=0) > 0, pooled.std(axis=0), 1)
    labels = np.r_[np.ones(len(real), bool), np.zeros(len(synth), bool)]
    _, neighbours = NearestNeighbors(n_neighbors=2, algorithm="brute").fit(pooled).kneighbors(pooled)
    nearest = neighbours[:, 1]
    observed = np.mean(labels == labels[nearest])
    rng = np.random.default_rng(0)
    permuted = [np.mean(p == p[nearest]) for p in (rng.permutation(labels) for _ in range(1000))]
    p_value = (1 + sum(a >= observed for a in permuted)) / 1001
    print(score, observed, p_value)


def utility(directory):
    import numpy as np
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, roc_auc_score
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    real, synth, test = (read(directory, n) for n in ("real", "synth", "test"))
    features = [c for c in real.columns if c != "y"]
    numeric = [c for c in features if real[c].dtype != object]
    categorical = [c for c in features if real[c].dtype == object]
    for train in (real, synth):
        for model in (LogisticRegression(), KNeighborsClassifier(5)):
            pipeline = make_pipeline(
                ColumnTransformer([("num", StandardScaler(), numeric),
                                   ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)]),
                model).fit(train[features], train["y"])
            predicted = pipeline.predict(test[features])
            proba = pipeline.predict_proba(test[features])[:, 1]
            print(accuracy_score(test["y"], predicted), balanced_accuracy_score(test["y"], predicted),
                  f1_score(test["y"], predicted, average="macro"),
                  roc_auc_score(test["y"] == pipeline.classes_[1], proba))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", metavar="DIR")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--peer", nargs=2, metavar=("NAME", "DIR"))
    arguments = parser.parse_args()
    if arguments.write:
        write(arguments.write, arguments.n)
    elif arguments.peer:
        {"detect": detect, "utility": utility}[arguments.peer[0]](arguments.peer[1])
    else:
        parser.error("give --write DIR or --peer NAME DIR")


if __name__ == "__main__":
    sys.exit(main())
