"""Train, evaluate and store the project's scikit-learn classifiers (senses, levels, narratives, ...).

One place for the protocol every model follows: a stratified held-out split that training never sees,
cross-validated scores on the training part, skops files (no pickle), and a model card beside each model.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, clone
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split

MODEL_FILE = "model.skops"
CARD_JSON = "card.json"
CARD_MD = "MODEL_CARD.md"


def label_order(estimator: BaseEstimator, preferred: Sequence[str]) -> tuple[list[str], list[int]]:
    """The estimator's classes in the project's label order (unknown classes last), and the matching column
    indices of `predict_proba`, so probability columns never depend on how scikit-learn sorted the classes."""
    classes = [str(c) for c in estimator.classes_]
    labels = [lab for lab in preferred if lab in classes] + [c for c in classes if c not in preferred]
    return labels, [classes.index(lab) for lab in labels]


def holdout_split(labels: Sequence[str], test_size: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a stratified train / held-out split (classes too rare to stratify go to training)."""
    y = np.asarray(labels)
    idx = np.arange(len(y))
    values, counts = np.unique(y, return_counts=True)
    rare = np.isin(y, values[counts < 2])
    train, test = train_test_split(
        idx[~rare], test_size=test_size, random_state=seed, stratify=y[~rare]
    )
    return np.sort(np.concatenate([train, idx[rare]])), np.sort(test)


def score_predictions(y_true: Sequence[str], y_pred: Sequence[str], labels: list[str]) -> dict[str, Any]:
    """Macro and per-class precision / recall / F1, with the confusion matrix (rows = truth)."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    present = s > 0
    return {
        "n": int(len(y_true)),
        "macro_f1": float(np.mean(f[present])) if present.any() else 0.0,
        "macro_precision": float(np.mean(p[present])) if present.any() else 0.0,
        "macro_recall": float(np.mean(r[present])) if present.any() else 0.0,
        "accuracy": float(np.mean(np.asarray(y_true) == np.asarray(y_pred))) if len(y_true) else 0.0,
        "per_class": {
            lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(labels)
        },
        "labels": labels,
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }


def cross_validated(estimator: BaseEstimator, X, y: Sequence[str], labels: list[str], folds: int, seed: int):
    """Scores of out-of-fold predictions on the training data (folds shrink for small classes)."""
    y = np.asarray(y)
    smallest = int(min(np.unique(y, return_counts=True)[1]))
    k = max(2, min(folds, smallest))
    cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    pred = cross_val_predict(clone(estimator), X, y, cv=cv)
    return {"folds": k, **score_predictions(y, pred, labels)}


@dataclass
class Evaluation:
    """A model fitted on the training part, with its cross-validated and held-out scores."""

    model: BaseEstimator
    cv: dict[str, Any]
    heldout: dict[str, Any]
    train_idx: np.ndarray
    test_idx: np.ndarray
    predicted: np.ndarray


def fit_with_holdout(estimator: BaseEstimator, X, y: Sequence[str], labels: list[str], test_size: float,
                     folds: int, seed: int) -> Evaluation:
    """The protocol every classifier follows: stratified held-out split, CV on the training part, fit on the
    training part only (so the saved model is the one scored), scores on the held-out part."""
    y = np.asarray(y)
    train_idx, test_idx = holdout_split(list(y), test_size, seed)

    def rows(idx):
        return X.iloc[idx] if hasattr(X, "iloc") else X[idx]

    cv = cross_validated(estimator, rows(train_idx), y[train_idx], labels, folds, seed)
    model = clone(estimator).fit(rows(train_idx), y[train_idx])
    predicted = model.predict(rows(test_idx))
    heldout = score_predictions(y[test_idx], predicted, labels)
    return Evaluation(model, cv, heldout, train_idx, test_idx, np.asarray(predicted))


@dataclass
class ModelCard:
    """What a researcher needs to trust (or distrust) a model: data, scores, parameters."""

    name: str
    task: str
    labels: list[str]
    training_data: str
    n_train: int
    n_heldout: int
    label_counts: dict[str, int]
    features: str
    params: dict[str, Any]
    cv_scores: dict[str, Any]
    heldout_scores: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        def row(name: str, sc: dict[str, Any]) -> str:
            return f"| {name} | {sc.get('n', 0)} | {sc.get('macro_f1', 0):.3f} | {sc.get('accuracy', 0):.3f} |"

        lines = [
            f"# Model card: {self.name}",
            "",
            f"**Task.** {self.task}",
            f"**Labels.** {', '.join(self.labels)}",
            f"**Training data.** {self.training_data} ({self.n_train} training, {self.n_heldout} held out; "
            f"counts: {', '.join(f'{k}={v}' for k, v in self.label_counts.items())})",
            f"**Features.** {self.features}",
            f"**Parameters.** `{json.dumps(self.params, sort_keys=True)}`",
            "",
            "| evaluation | n | macro-F1 | accuracy |",
            "|---|---|---|---|",
            row("cross-validated (training part)", self.cv_scores),
            row("held out (never trained on)", self.heldout_scores),
            "",
            "Held-out confusion matrix (rows = annotated, columns = predicted):",
            "",
            "| | " + " | ".join(self.labels) + " |",
            "|---|" + "---|" * len(self.labels),
        ]
        for lab, counts in zip(self.labels, self.heldout_scores.get("confusion_matrix", [])):
            lines.append(f"| {lab} | " + " | ".join(str(c) for c in counts) + " |")
        if self.notes:
            lines += ["", "**Notes.**", *[f"- {n}" for n in self.notes]]
        return "\n".join(lines) + "\n"


#: Every type a model file may hold beyond those skops trusts by default (plain containers, numpy arrays and
#: scikit-learn estimators), as EXACT names, never prefixes. Built from `skops.io.get_untrusted_types` over every
#: model under models/ plus what LogisticRegression, CalibratedClassifierCV (sigmoid or isotonic, with a
#: StratifiedKFold) and Pipelines of them produce. A tampered file naming any other type (builtins.exec,
#: os.system, subprocess.Popen, ...) is refused before anything in it is constructed.
ALLOWED_MODEL_TYPES: frozenset[str] = frozenset({
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.isotonic.IsotonicRegression",
    "sklearn.model_selection._split.KFold",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.utils._bunch.Bunch",
})

#: A model file is a zip archive; its members together may not unpack to more than this (a zip bomb is refused).
MAX_MODEL_UNPACKED_BYTES = 1 << 30


class UntrustedModel(ValueError):
    """A model file names a type outside ALLOWED_MODEL_TYPES (or is not a readable skops archive)."""


def untrusted_model_types(path: Path) -> list[str]:
    """The types in the skops file at `path` that neither skops trusts by default nor ALLOWED_MODEL_TYPES lists,
    read from its schema without constructing anything; UntrustedModel when the file is no bounded skops zip."""
    import zipfile

    import skops.io as sio

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise UntrustedModel(f"{path}: not a skops model file ({exc})") from exc
    if unpacked > MAX_MODEL_UNPACKED_BYTES:
        raise UntrustedModel(f"{path}: unpacks to {unpacked} bytes (limit {MAX_MODEL_UNPACKED_BYTES}); refusing it")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # skops raises many types for a damaged schema
        raise UntrustedModel(f"{path}: unreadable skops schema ({type(exc).__name__}: {exc})") from exc
    return sorted(t for t in untrusted if t not in ALLOWED_MODEL_TYPES)


def save_model(estimator: BaseEstimator, directory: Path, card: ModelCard) -> Path:
    """Write model.skops, card.json and MODEL_CARD.md into `directory`; a model holding a type `load_model`
    would refuse fails here, at training time, naming the type to review and add to ALLOWED_MODEL_TYPES."""
    import skops.io as sio

    directory.mkdir(parents=True, exist_ok=True)
    sio.dump(estimator, directory / MODEL_FILE)
    refused = untrusted_model_types(directory / MODEL_FILE)
    if refused:
        raise UntrustedModel(f"{directory / MODEL_FILE}: holds type(s) {', '.join(refused)} that load_model "
                             "refuses; review them and add the exact names to modeling.ALLOWED_MODEL_TYPES")
    (directory / CARD_JSON).write_text(json.dumps(asdict(card), indent=2, sort_keys=True), encoding="utf-8")
    (directory / CARD_MD).write_text(card.markdown(), encoding="utf-8")
    return directory


def load_model(directory: Path) -> BaseEstimator:
    """Load a model saved by `save_model`; any type outside skops' defaults and ALLOWED_MODEL_TYPES (exact
    names) is refused, naming the type, before anything in the file is constructed."""
    import skops.io as sio

    path = directory / MODEL_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: no trained model; run `dvc repro` to train it")
    refused = untrusted_model_types(path)
    if refused:
        raise UntrustedModel(f"{path}: refusing to load untrusted type(s) {', '.join(refused)}")
    return sio.load(path, trusted=sorted(set(sio.get_untrusted_types(file=path))))


def load_card(directory: Path) -> dict[str, Any]:
    path = directory / CARD_JSON
    if not path.exists():
        raise FileNotFoundError(f"{path}: no model card; run `dvc repro` to train the model")
    return json.loads(path.read_text(encoding="utf-8"))


# --- The classifier template: one annotation loader, one model-missing error, one trained-classifier base. ---

#: The card key naming the sentence encoder a model was trained with (every classifier's card uses it).
ENCODER_KEY = "encoder"


class AnnotationError(ValueError):
    """An annotations file cannot be used; the message lists every problem with file:line."""


class AnnotationsMissing(AnnotationError, FileNotFoundError):
    """The annotations file named in params.yaml does not exist."""


class ModelMissing(FileNotFoundError):
    """No trained model (or no card) in a model folder: the user has to run the training stage."""


Validator = Callable[[dict[str, Any], str], list[str]]


def load_annotations(path: Path, required: Sequence[str], validate: Validator, setting: str) -> pd.DataFrame:
    """Every record of a JSON Lines annotations file, or AnnotationError listing every bad line at once.

    Checks shared by every task (JSON, required fields, non-empty text, unique ids) are made here; `validate`
    returns the task's own problems for one record (`where` is "file:line"). `setting` is the params.yaml key
    naming the file, quoted when it is missing.
    """
    from pipelines.io import read_jsonl

    if not path.exists():
        raise AnnotationsMissing(f"{path}: annotation file not found ({setting} in params.yaml)")
    rows, problems, seen = [], [], {}
    for rec in read_jsonl(path, required=tuple(required)):
        if rec.error:
            problems.append(rec.error)
            continue
        d, where = rec.data, f"{path}:{rec.line_no}"
        found = [] if d["text"].strip() else [f"{where}: empty text"]
        ident = str(d["id"])
        if ident in seen:
            found.append(f"{where}: id {ident!r} already used on line {seen[ident]}")
        seen.setdefault(ident, rec.line_no)
        found += validate(d, where)
        if found:
            problems += found
        else:
            rows.append({**d, "id": ident, "line": rec.line_no})
    if problems:
        raise AnnotationError(f"{len(problems)} problem(s) in {path}:\n" + "\n".join(problems[:50]))
    if not rows:
        raise AnnotationError(f"{path}: no annotated examples")
    return pd.DataFrame(rows)


def label_validator(field_name: str, labels: Sequence[str]) -> Validator:
    """A validator accepting only `labels` in `field_name`."""

    def check(d: dict[str, Any], where: str) -> list[str]:
        if d.get(field_name) not in labels:
            return [f"{where}: {field_name} {d.get(field_name)!r} is not one of {', '.join(labels)}"]
        return []

    return check


def open_model(directory: Path, train_hint: str) -> tuple[BaseEstimator, dict[str, Any]]:
    """The estimator and card saved in `directory`, or ModelMissing telling the user what to run."""
    try:
        return load_model(directory), load_card(directory)
    except FileNotFoundError as exc:
        raise ModelMissing(f"{directory}: no trained model ({exc}); run {train_hint} first") from exc


def nearest_examples(query: np.ndarray, examples: pd.DataFrame, example_vecs: np.ndarray, k: int,
                     label_field: str = "label") -> list[list[dict]]:
    """The k annotated examples most similar (cosine of unit vectors) to each query row: evidence to audit."""
    if k <= 0 or examples is None or len(examples) == 0:
        return [[] for _ in range(len(query))]
    sims = np.asarray(query) @ example_vecs.T
    out = []
    for row in sims:
        top = np.argsort(-row, kind="stable")[:k]
        out.append([{"id": str(examples["id"].iat[j]), "label": str(examples[label_field].iat[j]),
                     "similarity": round(float(row[j]), 3), "text": str(examples["text"].iat[j])} for j in top])
    return out


class TrainedClassifier:
    """The shape every trained classifier has: `labels` in the project's order, `predict_proba(texts)` (rows sum
    to 1, columns in `labels` order), `predict`, and `nearest` annotated examples as evidence.

    Subclasses say how texts become features (`features`) and, optionally, keep an encoder for `nearest`.
    """

    def __init__(self, estimator: BaseEstimator, preferred: Sequence[str], encoder=None,
                 examples: pd.DataFrame | None = None, label_field: str = "label"):
        self.estimator = estimator
        self.encoder = encoder
        self.labels, self._order = label_order(estimator, preferred)
        self.examples = examples.reset_index(drop=True) if examples is not None else None
        self.label_field = label_field
        self._example_vecs: np.ndarray | None = None

    def features(self, texts: list[str]):
        raise NotImplementedError

    def proba_from_features(self, X) -> np.ndarray:
        if X is None or len(X) == 0:
            return np.zeros((0, len(self.labels)))
        return self.estimator.predict_proba(X)[:, self._order]

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.proba_from_features(self.features(list(texts)))

    def predict(self, texts: list[str]) -> list[str]:
        return [self.labels[i] for i in self.predict_proba(texts).argmax(axis=1)]

    def nearest_to(self, query: np.ndarray, k: int = 3) -> list[list[dict]]:
        """Nearest annotated examples for embedding rows (the encoder's unit vectors)."""
        if self.encoder is None or self.examples is None or len(self.examples) == 0 or k <= 0:
            return [[] for _ in range(len(query))]
        if self._example_vecs is None:
            self._example_vecs = self.encoder.encode(self.examples["text"].tolist())
        return nearest_examples(query, self.examples, self._example_vecs, k, self.label_field)

    def nearest(self, texts: list[str], k: int = 3) -> list[list[dict]]:
        """Nearest annotated examples for texts."""
        if not texts or self.encoder is None:
            return [[] for _ in texts]
        return self.nearest_to(self.encoder.encode(list(texts)), k)
