"""Narrative analysis of a batch of passages: cue pass first, models only for candidates, evidence for each.

Shared by the `narratives` stage and the `narrative` field of `colens classify`, so both decide alike.
Decision rules (documented in corpora/annotations/narratives/GUIDE.md):
- a passage with no narrative cue is not a candidate: is_user_narrative false, score null (`scan_all` overrides);
- a candidate is a user narrative when the detector's probability reaches `threshold`;
- a passage ABOUT user narratives that critiques their co-optation (seed 002: narratives became "a commodity
  servicing primarily the interests of these systems") is a *discussed* narrative with stance transformative
  and `critique_of_cooptation: true`, whatever the models say (their probabilities are still reported).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from pipelines.narratives.cues import find_cues, framing_summary
from pipelines.narratives.model import NarrativeClassifier
from pipelines.narratives.settings import NO_STANCE, STANCES, NarrativesParams

TRANSFORMATIVE = "transformative"


@dataclass
class NarrativeResult:
    """The narrative analysis of one passage."""

    is_candidate: bool
    is_user_narrative: bool
    score: float | None
    stance: str
    stance_scores: dict[str, float]
    evidence: dict[str, Any]

    def as_field(self) -> dict[str, Any]:
        """The `narrative` field of `colens classify`."""
        return {
            "is_user_narrative": self.is_user_narrative,
            "score": self.score,
            "stance": self.stance,
            "stance_scores": self.stance_scores,
            "evidence": self.evidence,
        }


def analyse(
    texts: list[str], detector: NarrativeClassifier, stance_model: NarrativeClassifier, params: NarrativesParams
) -> list[NarrativeResult]:
    """One result per text, in order."""
    hits = [find_cues(t) for t in texts]
    todo = [i for i, h in enumerate(hits) if params.scan_all or h.is_candidate]
    p_narr = np.full(len(texts), np.nan)
    stance_p = np.full((len(texts), len(stance_model.labels)), np.nan)
    neighbours: dict[int, list[dict]] = {}
    if todo:
        X, emb = detector.features([texts[i] for i in todo])
        p_narr[todo] = detector.proba_from_features(X)[:, detector.labels.index("narrative")]
        stance_p[todo] = stance_model.proba_from_features(X)
        neighbours = dict(zip(todo, detector.nearest(emb, params.n_neighbours)))
    out = []
    for i, h in enumerate(hits):
        candidate = i in neighbours
        score = None if not candidate else round(float(p_narr[i]), 4)
        is_narr = bool(candidate and (score >= params.threshold or h.critique_of_cooptation))
        scores = {} if not candidate else {lab: round(float(stance_p[i, j]), 4) for j, lab in enumerate(stance_model.labels)}
        if not is_narr:
            stance, decided_by = NO_STANCE, "cue pass (no narrative cue)" if not candidate else "detector"
        elif h.critique_of_cooptation:
            stance, decided_by = TRANSFORMATIVE, "critique_of_cooptation rule"
        else:
            stance, decided_by = max(scores, key=scores.get), "detector + stance model"
        evidence = {
            "candidate": candidate,
            "decided_by": decided_by,
            "narrative_type": h.narrative_type if is_narr else "none",
            "cues": h.narrative,
            "quotes": h.quotes,
            "framing": framing_summary(h),
            "critique_of_cooptation": h.critique_of_cooptation,
            "cooptation_phrases": h.cooptation_phrases,
            "nearest_examples": neighbours.get(i, []),
        }
        out.append(NarrativeResult(candidate, is_narr, score, stance, scores, evidence))
    return out


def stance_columns() -> list[str]:
    return [f"p_{lab}" for lab in STANCES]
