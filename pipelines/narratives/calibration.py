"""Calibrations fitted on real prose: small logistic maps from the narrative models' outputs to real labels.

Both models are trained on passages written for colens, whose label proportions, framing and look-alikes differ
from real pages. The stance map (3 x 3 plus intercepts, on the stance model's log-probabilities) corrects the priors
and the confusions between stances; the detection map (on the detector's logit, the who-speaks values and the
narrative cue counts, 15 numbers) corrects how much the detector's score and each voice cue are worth on real
paragraphs. `scripts/fit_stance_calibration.py` and `scripts/fit_detection_calibration.py` fit them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from pydantic import model_validator

from pipelines.config import Section
from pipelines.io import read_jsonl
from pipelines.narratives.cues import NARRATIVE_CUES
from pipelines.narratives.voice import SPEAKER_FEATURES

#: Probabilities below this are read as this before the logarithm (the scan rounds scores to 4 decimals).
FLOOR = 1e-4
#: What the detection map may read: the detector's logit, the who-speaks values (evidence `speaker`) and log(1 + n)
#: of each narrative cue group's hits (evidence `cues`, at most 5 a group).
DETECTION_FEATURES: list[str] = (["detector_logit"] + [f"speaker.{k}" for k in SPEAKER_FEATURES]
                                 + [f"cue.{k}" for k in NARRATIVE_CUES])


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


def detection_inputs(score: float, speaker: Mapping[str, float], cues: Mapping[str, Sequence]) -> dict[str, float]:
    """The detection map's inputs for one paragraph, from the detector's probability and the evidence the scan
    reports (`speaker`: who-speaks values; `cues`: hits per narrative cue group), so a fit on `colens classify`
    output reads exactly what the scan applies the map to."""
    p = min(max(float(score), FLOOR), 1.0 - FLOOR)
    out = {"detector_logit": float(np.log(p / (1.0 - p)))}
    out.update({f"speaker.{k}": float(speaker.get(k, 0.0)) for k in SPEAKER_FEATURES})
    out.update({f"cue.{k}": float(np.log1p(len(cues.get(k, ())))) for k in NARRATIVE_CUES})
    return out


class DetectionCalibration(Section):
    """`narratives.detection_calibration`: P(narrative) = sigmoid(coef . inputs + intercept) over `features`."""

    features: list[str]
    coef: list[float]
    intercept: float

    @model_validator(mode="after")
    def _known(self) -> DetectionCalibration:
        unknown = [f for f in self.features if f not in DETECTION_FEATURES]
        if unknown or len(set(self.features)) != len(self.features) or len(self.coef) != len(self.features):
            raise ValueError(f"narratives.detection_calibration: need distinct features among {DETECTION_FEATURES} "
                             f"and one coef each; got {self.features} with {len(self.coef)} coefs")
        return self

    def apply(self, score: float, speaker: Mapping[str, float], cues: Mapping[str, Sequence]) -> float:
        """The calibrated probability (rounded like the detector's) that one paragraph is a user narrative."""
        return self.probability(detection_inputs(score, speaker, cues))

    def probability(self, inputs: Mapping[str, float]) -> float:
        """The same from a paragraph's `detection_inputs` already computed (a fit scores them many times)."""
        z = float(np.dot(self.coef, [inputs[f] for f in self.features])) + self.intercept
        return round(float(1.0 / (1.0 + np.exp(-z))), 4)


def fit_detection(inputs: Sequence[Mapping[str, float]], gold: Sequence[bool], C: float = 0.1,
                  features: Sequence[str] = tuple(DETECTION_FEATURES)) -> DetectionCalibration:
    """Fit the detection map on real paragraphs' `detection_inputs` and their agreed narrative labels."""
    from sklearn.linear_model import LogisticRegression

    if len(set(gold)) < 2:
        raise ValueError("detection calibration needs narratives and other paragraphs among the labels")
    X = np.array([[row[f] for f in features] for row in inputs])
    m = LogisticRegression(C=C, max_iter=5000).fit(X, [bool(g) for g in gold])
    sign = 1.0 if m.classes_[1] else -1.0
    return DetectionCalibration(features=list(features), coef=np.round(sign * m.coef_[0], 4).tolist(),
                                intercept=round(float(sign * m.intercept_[0]), 4))


#: The stances the stance figure averages (macro-F1 over co-opted and transformative; neutral is not scored).
SCORED_STANCES = ["co-opted", "transformative"]


def scored_stance_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Macro-F1 over `SCORED_STANCES` of predicted against agreed stances (any other label counts as wrong)."""
    from sklearn.metrics import f1_score

    return float(f1_score(list(gold), list(pred), labels=SCORED_STANCES, average="macro", zero_division=0))


def read_by_id(path: Path) -> dict[str, dict]:
    """A fit's input file (agreed labels, or `colens classify` output) by id; the first line that cannot be read
    raises ValueError with its file:line reason, as does an id given twice."""
    rows: dict[str, dict] = {}
    for rec in read_jsonl(Path(path), required=("id",)):
        if rec.error:
            raise ValueError(rec.error)
        if rec.data["id"] in rows:
            raise ValueError(f"{path}:{rec.line_no}: id {rec.data['id']!r} given twice")
        rows[rec.data["id"]] = rec.data
    return rows


def read_fit_input(path: str | Path) -> dict[str, dict]:
    """`read_by_id` for the fitting scripts: a bad file stops the script with its file:line reason."""
    try:
        return read_by_id(Path(path))
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
