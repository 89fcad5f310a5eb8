"""Calibrations fitted on real prose: small logistic maps from the narrative models' outputs to real labels.

Both models are trained on passages written for colens, whose label proportions, framing and look-alikes differ
from real pages. The stance map (on the stance model's log-probabilities: 3 x 3 plus intercepts; or also on its
fine-tuned second opinion's, the framing cue groups, who speaks and the narrative's type,
`STANCE_CONTEXT_FEATURES`) corrects the priors and the confusions between stances, and, reading the second opinion,
is the blend of the two models; the detection map (on the detector's logit, the who-speaks values and the
narrative cue counts, 15 numbers) corrects how much the detector's score and each voice cue are worth on real
paragraphs. `scripts/fit_stance_calibration.py` and `scripts/fit_detection_calibration.py` fit them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pydantic import model_validator

from pipelines.config import Section
from pipelines.io import read_jsonl
from pipelines.narratives.cues import FRAMING_GROUPS, NARRATIVE_CUES
from pipelines.narratives.publisher import PUBLISHER_KINDS
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


#: The narrative types a stance is decided for (`scan.narrative_type` of a detected narrative).
NARRATIVE_TYPES = ("first_person", "quoted", "reported")
#: The stance map inputs that say who publishes the passage (only `stance_calibration_with_publisher` reads them).
PUBLISHER_FEATURES: list[str] = [f"publisher.{k}" for k in PUBLISHER_KINDS]
#: What the stance map may read besides `model.<stance>` and `second.<stance>` (log-probabilities of the stance model
#: and of its fine-tuned second opinion): min(2, hits) of each framing cue group (evidence `framing`), the who-speaks
#: values (evidence `speaker`), the narrative's type (evidence `narrative_type`, 1 or 0 each) and who publishes the
#: passage (evidence `publisher`, 1 or 0 each; all 0 when unknown).
STANCE_CONTEXT_FEATURES: list[str] = ([f"framing.{g}" for g in FRAMING_GROUPS] + [f"speaker.{k}" for k in SPEAKER_FEATURES]
                                      + [f"type.{t}" for t in NARRATIVE_TYPES] + PUBLISHER_FEATURES)
_FRAMING_SIDES = {"co-opted": "coopted", "transformative": "transformative"}


class StanceContext(NamedTuple):
    """What a stance map may read of a paragraph besides the stance model's scores (the scan's evidence)."""

    opinion: Mapping[str, float] | None = None  # the fine-tuned second opinion's probabilities
    framing: Mapping[str, Sequence[str]] = {}  # framing cue hits by group ("coopted.praise": phrases)
    speaker: Mapping[str, float] = {}  # who-speaks values
    narrative_type: str = ""
    publisher: str = "unknown"  # `pipelines.narratives.publisher` kind

    @classmethod
    def from_evidence(cls, evidence: Mapping) -> StanceContext:
        """The context as `colens classify` reports it (`narrative.evidence`), so a fit reads what the scan applies."""
        framing = {f"{_FRAMING_SIDES[side]}.{g}": v for side, groups in (evidence.get("framing") or {}).items()
                   if side in _FRAMING_SIDES for g, v in groups.items()}
        return cls(evidence.get("stance_second_opinion"), framing, evidence.get("speaker") or {},
                   evidence.get("narrative_type") or "", (evidence.get("publisher") or {}).get("kind", "unknown"))


def stance_inputs(scores: Mapping[str, float], labels: Sequence[str], context: StanceContext = StanceContext()
                  ) -> dict[str, float]:
    """Every input a stance map may read for one paragraph (`model.*`, and `second.*` when there is an opinion)."""
    out = {f"model.{lab}": float(v) for lab, v in zip(labels, log_scores(scores, labels))}
    if context.opinion is not None:
        out.update({f"second.{lab}": float(v) for lab, v in zip(labels, log_scores(context.opinion, labels))})
    out.update({f"framing.{g}": float(min(2, len(context.framing.get(g, ())))) for g in FRAMING_GROUPS})
    out.update({f"speaker.{k}": float(context.speaker.get(k, 0.0)) for k in SPEAKER_FEATURES})
    out.update({f"type.{t}": float(context.narrative_type == t) for t in NARRATIVE_TYPES})
    out.update({f"publisher.{k}": float(context.publisher == k) for k in PUBLISHER_KINDS})
    return out


class StanceCalibration(Section):
    """`narratives.stance_calibration`: calibrated p = softmax(coef @ inputs + intercept), rows in `labels` order;
    `features` names the inputs (default: the stance model's log-probabilities, `model.<label>`, a k x k map)."""

    labels: list[str]
    features: list[str] = []
    coef: list[list[float]]
    intercept: list[float]

    @model_validator(mode="before")
    @classmethod
    def _model_inputs_by_default(cls, data):
        if isinstance(data, dict) and not data.get("features") and isinstance(data.get("labels"), list):
            data = {**data, "features": [f"model.{lab}" for lab in data["labels"]]}
        return data

    @model_validator(mode="after")
    def _shape(self) -> StanceCalibration:
        k = len(self.labels)
        n = len(self.features)
        known = {f"{src}.{lab}" for src in ("model", "second") for lab in self.labels} | set(STANCE_CONTEXT_FEATURES)
        unknown = [f for f in self.features if f not in known]
        if unknown or len(set(self.features)) != n:
            raise ValueError(f"narratives.stance_calibration: unknown or repeated features {unknown or self.features}; "
                             f"known: model.<label>, second.<label>, {', '.join(STANCE_CONTEXT_FEATURES)}")
        if len(set(self.labels)) != k or len(self.intercept) != k or len(self.coef) != k or any(len(r) != n for r in self.coef):
            raise ValueError(f"narratives.stance_calibration: need {k} distinct labels, a {k} x {n} coef and {k} intercepts")
        return self

    @property
    def reads_second_opinion(self) -> bool:
        """Whether the map reads the fine-tuned second opinion (it is then the blend of the two models)."""
        return any(f.startswith("second.") for f in self.features)

    def apply(self, scores: Mapping[str, float], context: StanceContext = StanceContext()) -> dict[str, float] | None:
        """Calibrated stance probabilities (rounded like the model's) for one paragraph's stance scores; None when
        the map reads a second opinion the context lacks."""
        if self.reads_second_opinion and context.opinion is None:
            return None
        return self.probabilities(stance_inputs(scores, self.labels, context))

    def reasons(self, scores: Mapping[str, float], context: StanceContext = StanceContext(), top: int = 4
                ) -> dict[str, object] | None:
        """Why the map prefers its stance to the runner-up: each input's share of the log-odds between the two,
        (coef[stance] - coef[runner-up]) x input, the `top` largest for and against (evidence `stance_reasons`)."""
        probs = self.apply(scores, context)
        if probs is None:
            return None
        inputs = stance_inputs(scores, self.labels, context)
        first, second = sorted(self.labels, key=probs.get, reverse=True)[:2]
        w = np.asarray(self.coef)
        diff = w[self.labels.index(first)] - w[self.labels.index(second)]
        share = {f: round(float(d * inputs[f]), 3) for f, d in zip(self.features, diff)}
        ranked = sorted(share, key=share.get, reverse=True)
        return {"stance": first, "over": second,
                "for": {f: share[f] for f in ranked[:top] if share[f] > 0},
                "against": {f: share[f] for f in ranked[::-1][:top] if share[f] < 0}}

    def probabilities(self, inputs: Mapping[str, float]) -> dict[str, float]:
        """The same from a paragraph's `stance_inputs` already computed (a fit scores them many times)."""
        z = np.asarray(self.coef) @ np.array([inputs[f] for f in self.features]) + np.asarray(self.intercept)
        p = np.exp(z - z.max())
        p /= p.sum()
        return {lab: round(float(v), 4) for lab, v in zip(self.labels, p)}


def fit(inputs: Sequence[Mapping[str, float]], gold: Sequence[str], labels: Sequence[str], C: float = 0.3,
        balanced: bool = True, features: Sequence[str] | None = None) -> StanceCalibration:
    """Fit the map on real narratives' `stance_inputs` (or bare stance scores, read as `model.*`) and their agreed
    stances (`balanced`: each stance weighs alike); `features` default to the stance model's log-probabilities."""
    from sklearn.linear_model import LogisticRegression

    missing = set(labels) - set(gold)
    if missing:
        raise ValueError(f"stance calibration needs examples of every stance; none of {sorted(missing)}")
    features = list(features or [f"model.{lab}" for lab in labels])
    rows = [row if f"model.{labels[0]}" in row else stance_inputs(row, labels) for row in inputs]
    X = np.array([[row[f] for f in features] for row in rows])
    m = LogisticRegression(C=C, class_weight="balanced" if balanced else None, max_iter=5000).fit(X, list(gold))
    order = [list(m.classes_).index(lab) for lab in labels]
    return StanceCalibration(labels=list(labels), features=features, coef=np.round(m.coef_[order], 4).tolist(),
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
