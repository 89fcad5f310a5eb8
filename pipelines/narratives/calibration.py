"""Stance calibration fitted on real prose: a multinomial logistic map of the stance model's log-probabilities.

The stance model is trained on passages written for colens, whose stance proportions and framing differ from real
pages; a 3 x 3 map (plus intercepts) fitted on labelled real narratives corrects both the priors and the confusions
between stances (a per-stance weight corrects only the priors). `scripts/fit_stance_calibration.py` fits it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from pydantic import model_validator

from pipelines.config import Section

#: Probabilities below this are read as this before the logarithm (the scan rounds scores to 4 decimals).
FLOOR = 1e-4


def log_scores(scores: Mapping[str, float], labels: Sequence[str]) -> np.ndarray:
    """The calibrator's input: log of each stance probability, floored, in `labels` order."""
    return np.log([max(float(scores.get(lab, 0.0)), FLOOR) for lab in labels])


class StanceCalibration(Section):
    """`narratives.stance_calibration`: calibrated p = softmax(coef @ log p_model + intercept), rows in `labels` order."""

    labels: list[str]
    coef: list[list[float]]
    intercept: list[float]

    @model_validator(mode="after")
    def _square(self) -> StanceCalibration:
        k = len(self.labels)
        if len(set(self.labels)) != k or len(self.intercept) != k or len(self.coef) != k or any(len(r) != k for r in self.coef):
            raise ValueError(f"narratives.stance_calibration: need {k} distinct labels, a {k} x {k} coef and {k} intercepts")
        return self

    def apply(self, scores: Mapping[str, float]) -> dict[str, float]:
        """Calibrated stance probabilities (rounded like the model's) for one paragraph's stance scores."""
        z = np.asarray(self.coef) @ log_scores(scores, self.labels) + np.asarray(self.intercept)
        p = np.exp(z - z.max())
        p /= p.sum()
        return {lab: round(float(v), 4) for lab, v in zip(self.labels, p)}


def fit(scores: Sequence[Mapping[str, float]], gold: Sequence[str], labels: Sequence[str], C: float = 0.3,
        balanced: bool = True) -> StanceCalibration:
    """Fit the map on real narratives' model scores and their agreed stances (`balanced`: each stance weighs alike)."""
    from sklearn.linear_model import LogisticRegression

    missing = set(labels) - set(gold)
    if missing:
        raise ValueError(f"stance calibration needs examples of every stance; none of {sorted(missing)}")
    X = np.array([log_scores(s, labels) for s in scores])
    m = LogisticRegression(C=C, class_weight="balanced" if balanced else None, max_iter=1000).fit(X, list(gold))
    order = [list(m.classes_).index(lab) for lab in labels]
    return StanceCalibration(labels=list(labels), coef=np.round(m.coef_[order], 4).tolist(),
                             intercept=np.round(m.intercept_[order], 4).tolist())
