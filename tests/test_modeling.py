"""The shared training protocol (held-out split, scoring, a safe skops round trip with a model card) and the
classifier template (one annotation loader, one model-missing error, one trained-classifier base)."""

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from pipelines.modeling import (
    AnnotationError, AnnotationsMissing, ModelCard, ModelMissing, TrainedClassifier, cross_validated, holdout_split,
    label_validator, load_annotations, load_card, load_model, open_model, save_model, score_predictions,
)


def test_holdout_split_is_disjoint_stratified_and_keeps_rare_classes():
    labels = ["a"] * 20 + ["b"] * 10 + ["c"]
    train, test = holdout_split(labels, 0.3, seed=1)
    assert set(train).isdisjoint(test) and len(train) + len(test) == len(labels)
    assert 30 in train  # the singleton class cannot be held out
    assert {labels[i] for i in test} == {"a", "b"}


def test_scores_and_confusion_matrix():
    sc = score_predictions(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b"])
    assert sc["confusion_matrix"] == [[1, 1], [0, 2]]
    assert abs(sc["per_class"]["a"]["recall"] - 0.5) < 1e-9
    assert 0 < sc["macro_f1"] < 1


def test_skops_round_trip_with_card(tmp_path):
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (20, 3)), rng.normal(3, 1, (20, 3))])
    y = ["low"] * 20 + ["high"] * 20
    model = LogisticRegression().fit(X, y)
    cv = cross_validated(LogisticRegression(), X, y, ["low", "high"], folds=5, seed=0)
    card = ModelCard("toy", "separate two blobs", ["low", "high"], "synthetic", 40, 0, {"low": 20, "high": 20},
                     "3 numbers", {"C": 1.0}, cv, score_predictions(y, model.predict(X), ["low", "high"]))
    save_model(model, tmp_path, card)
    again = load_model(tmp_path)
    assert list(again.predict(X)) == list(model.predict(X))
    assert load_card(tmp_path)["cv_scores"]["macro_f1"] > 0.9
    assert "held out" in (tmp_path / "MODEL_CARD.md").read_text()


def test_annotation_loader_reports_every_problem_with_file_and_line(tmp_path):
    path = tmp_path / "a.jsonl"
    good = {"id": "x", "text": "some text", "label": "yes"}
    path.write_text("\n".join(json.dumps(r) for r in [
        good, {**good, "id": "y", "text": "  "}, {**good, "label": "maybe"}, {"id": "z", "text": "t"},
    ]) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        load_annotations(path, ("id", "text", "label"), label_validator("label", ["yes", "no"]), "task.annotations")
    msg = str(err.value)
    assert "4 problem(s)" in msg
    for where, words in [(2, "empty text"), (3, "already used on line 1"), (3, "label 'maybe'"),
                         (4, "missing field(s) label")]:
        assert f"a.jsonl:{where}: " in msg and words in msg
    with pytest.raises(AnnotationsMissing, match="task.annotations"):
        load_annotations(tmp_path / "none.jsonl", ("id", "text"), lambda d, w: [], "task.annotations")


class _Toy(TrainedClassifier):
    def features(self, texts):
        return np.array([[float(len(t))] for t in texts])


class _Encoder:
    def encode(self, texts):
        v = np.array([[1.0, float(len(t))] for t in texts])
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_trained_classifier_keeps_the_project_label_order_and_finds_nearest_examples(tmp_path):
    X, y = np.array([[1.0], [2.0], [10.0], [11.0]]), ["short", "short", "long", "long"]
    examples = pd.DataFrame({"id": ["a", "b"], "text": ["xx", "xxxxxxxxxx"], "label": ["short", "long"]})
    clf = _Toy(LogisticRegression().fit(X, y), ["short", "long"], encoder=_Encoder(), examples=examples)
    assert clf.labels == ["short", "long"]  # scikit-learn sorts them the other way
    assert clf.predict(["x", "xxxxxxxxxxxx"]) == ["short", "long"]
    assert clf.predict_proba([]).shape == (0, 2)
    near = clf.nearest(["xxxxxxxxxxx"], k=1)
    assert near[0][0]["id"] == "b" and near[0][0]["label"] == "long"
    with pytest.raises(ModelMissing, match="run `train_toy` first"):
        open_model(tmp_path / "none", "`train_toy`")
