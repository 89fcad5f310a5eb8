"""Narrative analysis of a batch of passages: cue pass first, models only for candidates, evidence for each.

Shared by the `narratives` stage and the `narrative` field of `colens classify`, so both decide alike.
Decision rules (documented in corpora/annotations/narratives/GUIDE.md):
- a passage with no narrative cue is not a candidate: is_user_narrative false, score null (`scan_all` overrides);
- a quotation paragraph may carry a context: the sentence that introduced it in the paragraph before
  ("Some of the things said by participants included:", see pipelines.narratives.context); cues and models then
  read "context + paragraph";
- a long paragraph (more than `long_paragraph_sentences` sentences) with a quotation or first-person speech is
  scored by its sentence windows
  (`window_min_sentences`..`window_max_sentences`; only windows that pass the cue pass, or all windows when none
  does), each window embedded alone but with the cue features of the whole paragraph (who speaks: users or
  professionals, quotes, framing); the best window's probability is the score, its stance probabilities the
  stance, its offsets evidence;
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
from pipelines.narratives.settings import NO_STANCE, NarrativesParams
from pipelines.narratives.windows import sentence_spans, sentence_windows

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


def scoring_spans(text: str, params: NarrativesParams) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` the models score: the whole text, or sentence windows of a long one.

    Only a long paragraph with a voice of its own — a quotation or first-person speech — is split: third-person
    reported findings ("Several participants said that …") need the whole paragraph to tell whether the
    participants are service users or, say, the nurses of a research sample.
    """
    if len(sentence_spans(text)) <= params.long_paragraph_sentences:
        return [(0, len(text))]
    hits = find_cues(text)
    if not (hits.quotes or hits.narrative.get("first_person")):
        return [(0, len(text))]
    windows = sentence_windows(text, params.window_min_sentences, params.window_max_sentences)
    cued = [w for w in windows if find_cues(text[w[0] : w[1]]).is_candidate]
    if cued:
        return cued
    return [w for w in windows if w[1] - w[0] == max(e - s for s, e in windows)] or [(0, len(text))]


def _joined(context: str | None, text: str) -> str:
    return f"{context} {text}" if context else text


def analyse(
    texts: list[str],
    detector: NarrativeClassifier,
    stance_model: NarrativeClassifier,
    params: NarrativesParams,
    contexts: list[str | None] | None = None,
) -> list[NarrativeResult]:
    """One result per text, in order; `contexts[i]` (optional) is the quote introduction carried into text i."""
    if contexts is None:
        contexts = [None] * len(texts)
    if len(contexts) != len(texts):
        raise ValueError(f"analyse: {len(contexts)} contexts for {len(texts)} texts; give one per text (or None)")
    hits = [find_cues(_joined(c, t)) for c, t in zip(contexts, texts)]
    todo = [i for i, h in enumerate(hits) if params.scan_all or h.is_candidate]
    spans = {i: scoring_spans(texts[i], params) for i in todo}
    units = [_joined(contexts[i], texts[i][s:e]) for i in todo for s, e in spans[i]]
    cue_units = [_joined(contexts[i], texts[i]) for i in todo for _ in spans[i]]
    p_narr = np.full(len(texts), np.nan)
    stance_p = np.full((len(texts), len(stance_model.labels)), np.nan)
    best: dict[int, int] = {}  # index into spans[i] of the best-scoring window
    neighbours: dict[int, list[dict]] = {}
    if units:
        X, emb = detector.featurize(units, cue_units)
        p_units = detector.proba_from_features(X)[:, detector.labels.index("narrative")]
        s_units = stance_model.proba_from_features(X)
        rows, offset = [], 0
        for i in todo:
            best[i] = int(np.argmax(p_units[offset : offset + len(spans[i])]))
            row = offset + best[i]
            p_narr[i], stance_p[i] = p_units[row], s_units[row]
            rows.append(row)
            offset += len(spans[i])
        neighbours = dict(zip(todo, detector.nearest_to(emb[rows], params.n_neighbours)))
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
        window = None
        if candidate and len(spans[i]) > 1:
            s, e = spans[i][best[i]]
            window = {"start": s, "end": e, "n_windows": len(spans[i]), "text": texts[i][s:e]}
        evidence = {
            "candidate": candidate,
            "decided_by": decided_by,
            "narrative_type": h.narrative_type if is_narr else "none",
            "cues": h.narrative,
            "quotes": h.quotes,
            "quote_intro": h.quote_intro,
            "context": contexts[i],
            "window": window,
            "framing": framing_summary(h),
            "critique_of_cooptation": h.critique_of_cooptation,
            "cooptation_phrases": h.cooptation_phrases,
            "nearest_examples": neighbours.get(i, []),
        }
        out.append(NarrativeResult(candidate, is_narr, score, stance, scores, evidence))
    return out
