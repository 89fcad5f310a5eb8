"""The stance calibration (pipelines.narratives.calibration): the map, its checks, and its fit."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.narratives.calibration import StanceCalibration, fit
from pipelines.narratives.settings import STANCES, NarrativesParams

IDENTITY = np.eye(3).tolist()


def test_identity_map_returns_the_model_probabilities():
    cal = StanceCalibration(labels=STANCES, coef=IDENTITY, intercept=[0.0, 0.0, 0.0])
    scores = {"co-opted": 0.2, "transformative": 0.5, "neutral": 0.3}
    assert cal.apply(scores) == pytest.approx(scores, abs=1e-4)


def test_intercepts_shift_the_decision_and_zero_scores_stay_finite():
    cal = StanceCalibration(labels=STANCES, coef=IDENTITY, intercept=[0.0, -1.0, 0.0])
    out = cal.apply({"co-opted": 0.0, "transformative": 0.5, "neutral": 0.4})
    assert max(out, key=out.get) == "neutral" and all(np.isfinite(list(out.values())))
    assert sum(out.values()) == pytest.approx(1.0, abs=1e-3)


def test_the_map_must_be_square_and_name_the_three_stances():
    with pytest.raises(ValueError, match="3 x 3"):
        StanceCalibration(labels=STANCES, coef=[[1.0, 0.0], [0.0, 1.0]], intercept=[0.0, 0.0, 0.0])
    bad = {"labels": ["co-opted", "transformative", "hopeful"], "coef": IDENTITY, "intercept": [0, 0, 0]}
    with pytest.raises(ValueError, match="labels must be"):
        NarrativesParams(stance_calibration=bad)
    assert NarrativesParams().stance_calibration is None


def test_fit_learns_a_map_in_the_stances_order():
    rng = np.random.default_rng(0)
    scores, gold = [], []
    for _ in range(300):
        p = rng.dirichlet([1.0, 1.0, 1.0])
        s = dict(zip(STANCES, p))
        scores.append(s)
        gold.append(min(s, key=s.get))  # the annotated stance is the one the model rates lowest
    cal = fit(scores, gold, STANCES, C=10.0)
    assert cal.labels == STANCES
    assert all(cal.coef[k][k] < 0 for k in range(3))
    hits = sum(max(o := cal.apply(s), key=o.get) == g for s, g in zip(scores, gold))
    assert hits / len(gold) > 0.8


def test_fit_needs_every_stance():
    with pytest.raises(ValueError, match="every stance"):
        fit([{"co-opted": 0.5, "transformative": 0.3, "neutral": 0.2}] * 2, ["neutral", "co-opted"], STANCES)
