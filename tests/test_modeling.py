"""The shared training protocol: held-out split, scoring, and a safe skops round trip with a model card."""

import numpy as np
from sklearn.linear_model import LogisticRegression

from pipelines.modeling import (
    ModelCard, cross_validated, holdout_split, load_card, load_model, save_model, score_predictions,
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
