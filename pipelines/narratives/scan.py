"""Narrative analysis of a batch of passages: every paragraph scored, evidence for each decision.

Shared by the `narratives` stage and the `narrative` field of `colens classify`, so both decide alike.
Decision rules (documented in corpora/annotations/narratives/GUIDE.md):
- there is no cue gate: every paragraph is scored by the detector, except headings and one-line titles
  ("Patient stories", "My recovery journey", "Share Your Patient Story", `voice.is_heading`), which are negatives
  decided by the heading rule and say so in their evidence (`decided_by: heading rule`, score null);
- the detector reads the sentence embedding with the word-level cues (pipelines.narratives.cues) and the
  parse-based voice features (pipelines.narratives.voice): first-person subjects narrating events, reported
  speech by a user, quotations with attribution, a named person with an age, a third-person story — and the
  look-alikes: professionals' own experience, aggregate findings, passages about stories, invitations;
- a quotation paragraph may carry a context: the sentence that introduced it in the paragraph before
  ("Some of the things said by participants included:", see pipelines.narratives.context); cues, voice and
  models then read "context + paragraph";
- a long paragraph (more than `long_paragraph_sentences` sentences) with a quotation or first-person speech is
  scored by its sentence windows (`window_min_sentences`..`window_max_sentences`), each window embedded alone but
  with the cue and voice features of the whole paragraph; the best window's probability is the score and its
  offsets evidence, while the stance model reads the whole paragraph (its framing may lie outside that window);
- the detector's probability is mapped by `detection_calibration` (a logistic map of its logit, the who-speaks
  values and the narrative cue counts, fitted on labelled real paragraphs, pipelines.narratives.calibration: on
  real pages a mention of service users or of stories weighs against a voice more than in the written passages);
  the mapped probability is the paragraph's `score` and the detector's own is `evidence.detector_score`; a
  quotation read with an inherited introduction keeps the detector's own (the map is fitted on stand-alone passages);
- on a close call (a score from `detection_second_opinion_floor` up to where a blend can no longer change the
  decision) the detector's fine-tuned second opinion reads the paragraph and the score becomes
  `(1 - w) x score + w x its probability` (`evidence.detection_second_opinion` keeps both); the band, not every
  paragraph, because it holds nearly all of the gain on real prose at a seventh of the cost
  (docs/development/narratives.md);
- a paragraph is a user narrative when its score reaches `threshold`, unless the writer speaks
  about media (a singer, a film, a book) and claims no lived experience of services, alone or as a collective
  "we" (`voice_rule`, `VoiceHits.vetoed_by`; the codebook excludes celebrity/media quotes), or the writer names
  their own health or care job ("I'm a psychiatrist", "I have worked in a mental health hospital"; the default
  `staff_and_media`). A professional's career frame is a detector feature, not a veto, by default: as a veto it
  dropped service users' stories that mention training or a job (3 of 3 times it fired on an unseen real set);
- a narrative's stance is the stance model's, its probabilities mapped by `stance_calibration` (a multinomial
  logistic map fitted on labelled real narratives, pipelines.narratives.calibration: the training passages' stance
  proportions and framing differ from real pages'; a map that also reads the fine-tuned second opinion, the framing
  cues, who speaks and who publishes the passage is the two models' blend), then weighted by `stance_weights`; a narrative that critiques the co-optation of user narratives
  (seed 002: narratives became "a commodity servicing primarily the interests of these systems") is
  transformative. `critique_of_cooptation` is flagged on any paragraph that critiques the USE of stories (not one
  that merely describes it), narrative or not: a passage only about narratives in general is not a user
  narrative (codebook), but the researcher still finds it as a critique (`narrative_type: discussed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from pipelines.narratives.calibration import StanceContext
from pipelines.narratives.cues import CueHits, find_cues, framing_summary
from pipelines.narratives.model import NarrativeClassifier
from pipelines.narratives.publisher import Publisher
from pipelines.narratives.settings import NO_STANCE, NarrativesParams
from pipelines.narratives.voice import SPEAKER_FEATURES, VoiceHits, find_voice, is_heading, speaker_vector
from pipelines.narratives.windows import sentence_spans, sentence_windows

TRANSFORMATIVE = "transformative"


@dataclass
class NarrativeResult:
    """The narrative analysis of one passage."""

    is_candidate: bool  # scored by the models (every paragraph but headings and blank ones)
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


def scoring_spans(text: str, params: NarrativesParams, hits: CueHits | None = None) -> list[tuple[int, int]]:
    """The (start, end) spans of `text` the models score: the whole text, or sentence windows of a long one.

    Only a long paragraph with a voice of its own — a quotation or first-person speech — is split: third-person
    reported findings ("Several participants said that …") need the whole paragraph to tell whether the
    participants are service users or, say, the nurses of a research sample.
    """
    if len(sentence_spans(text)) <= params.long_paragraph_sentences:
        return [(0, len(text))]
    hits = hits or find_cues(text)
    if not (hits.quotes or hits.narrative.get("first_person")):
        return [(0, len(text))]
    return sentence_windows(text, params.window_min_sentences, params.window_max_sentences) or [(0, len(text))]


def _joined(context: str | None, text: str) -> str:
    return f"{context} {text}" if context else text


def narrative_type(hits: CueHits, voice: VoiceHits | None, is_narrative: bool) -> str:
    """quoted, first_person, reported (a story told by someone else), discussed (a critique of co-optation that
    is not itself a narrative) or none."""
    if not is_narrative:
        return "discussed" if hits.critique_of_cooptation else "none"
    v = voice.count if voice is not None else (lambda _g: 0)
    if hits.attributed_quote or hits.standalone_quote or hits.introduced_quote or v("quote_attributed") or (
            v("user_speaks") and hits.quotes):
        return "quoted"
    if v("first_person_past") or v("first_person_present") or hits.narrative.get("first_person"):
        return "first_person"
    if hits.critique_of_cooptation:
        return "discussed"
    return "reported"


def _who_speaks(voice: VoiceHits | None, text: str) -> dict[str, float]:
    """Evidence for the stance: the who-speaks features the stance model reads (own voice, retold story, quoted
    user, institution reporting, professional, institution framing a story, own voice with critique), non-zero only."""
    if voice is None:
        return {}
    return {k: round(float(x), 3) for k, x in zip(SPEAKER_FEATURES, speaker_vector(voice, text)) if x > 0}


def map_decides(params: NarrativesParams, context: StanceContext) -> bool:
    """Whether the stance map (`NarrativesParams.stance_map`) decides the stance: it reads the second opinion
    itself, or no opinion is blended in (otherwise the fixed-weight blend decides and the map is evidence only)."""
    cal = params.stance_map(context.publisher)
    return cal is not None and (cal.reads_second_opinion or context.opinion is None
                                or params.stance_second_opinion_weight <= 0)


def model_stance(scores: dict[str, float], params: NarrativesParams,
                 context: StanceContext = StanceContext()) -> tuple[str, dict[str, float] | None]:
    """A detected narrative's stance from the stance model's scores: mapped by the stance map (when set:
    `stance_calibration`, or `stance_calibration_with_publisher` where the publisher is known); a map that reads
    the fine-tuned second opinion (`context.opinion`) is the blend of the two models, otherwise the opinion, when
    given, is blended at `stance_second_opinion_weight` with the model's own scores (the map is then evidence only);
    then weighted by `stance_weights`. Returns the stance and the calibrated probabilities (None without a map)."""
    cal = params.stance_map(context.publisher)
    calibrated = cal.apply(scores, context) if cal else None
    w = params.stance_second_opinion_weight
    if calibrated is not None and map_decides(params, context):
        base = calibrated
    elif context.opinion is not None and w > 0:
        base = {lab: (1 - w) * p + w * context.opinion[lab] for lab, p in scores.items()}
    else:
        base = scores
    weighted = {lab: p * params.stance_weights.get(lab, 1.0) for lab, p in base.items()}
    return max(weighted, key=weighted.get), calibrated


def _stance_opinions(stance_model: NarrativeClassifier, params: NarrativesParams, texts: list[str],
                     rows: list[int]) -> dict[int, dict[str, float]]:
    """The stance's fine-tuned second opinion on the paragraphs `rows` (those the stance model decides), by row."""
    opinion = stance_model.second_opinion
    if opinion is None or not params.stance_second_opinion_used or not rows:
        return {}
    proba = opinion.proba([texts[i] for i in rows])
    return {i: {lab: round(float(p), 4) for lab, p in zip(opinion.labels, row)} for i, row in zip(rows, proba)}


class Decision(NamedTuple):
    """Whether one paragraph is a user narrative, and what decided it."""

    candidate: bool  # scored by the models
    detector_score: float | None  # the detector's own probability
    voice: VoiceHits | None
    speaker: dict[str, float]  # who-speaks evidence
    score: float | None  # the paragraph's score: calibrated, then blended with the second opinion when asked
    calibrated: bool  # the detection calibration mapped the detector's probability
    other_voice: bool  # a media or staff voice vetoes a narrative
    is_narrative: bool
    second_opinion: dict[str, float] | None = None  # the detector's second opinion, when asked


def _decide(hits: CueHits, candidate: bool, p: float, voice: VoiceHits | None, wide: str, context: str | None,
            params: NarrativesParams) -> Decision:
    """A paragraph's decision from the detector alone (with the detection calibration and the voice rule)."""
    detector_score = round(float(p), 4) if candidate else None
    speaker = _who_speaks(voice, wide)
    # the map is fitted on stand-alone passages (`colens classify`); a quotation read with the introduction it
    # inherits counts that introduction's words too ("said by participants" is a user-noun mention, which the
    # map weighs against), so it keeps the detector's own probability
    calibrate = bool(candidate and params.detection_calibration and not context)
    score = params.detection_calibration.apply(detector_score, speaker, hits.narrative) if calibrate else detector_score
    other_voice = voice is not None and voice.vetoed_by(params.voice_rule)
    is_narr = bool(candidate and score >= params.threshold and not other_voice)
    return Decision(candidate, detector_score, voice, speaker, score, calibrate, other_voice, is_narr)


def close_call(score: float, params: NarrativesParams) -> bool:
    """Whether the detector's second opinion is asked about a paragraph with this score: from the floor up to where
    a blend at `detection_second_opinion_weight` can no longer change the decision."""
    w = params.detection_second_opinion_weight
    return w > 0 and params.detection_second_opinion_floor <= score < params.threshold / (1.0 - w)


def _second_look(detector: NarrativeClassifier, params: NarrativesParams, texts: list[str],
                 decided: list[Decision]) -> list[Decision]:
    """`decided` with each close call (`close_call`, not vetoed) re-decided by (1 - w) x score + w x the detector's
    fine-tuned second opinion on the paragraph."""
    opinion = detector.second_opinion
    rows = [i for i, d in enumerate(decided) if d.candidate and not d.other_voice and close_call(d.score, params)]
    if opinion is None or not rows:
        return decided
    w = params.detection_second_opinion_weight
    p = opinion.proba([texts[i] for i in rows])[:, opinion.labels.index("narrative")]
    out = list(decided)
    for i, q in zip(rows, p):
        score = round((1 - w) * decided[i].score + w * float(q), 4)
        out[i] = decided[i]._replace(score=score, is_narrative=score >= params.threshold, second_opinion={
            "narrative": round(float(q), 4), "score_before": round(float(decided[i].score), 4)})
    return out


def analyse(
    texts: list[str],
    detector: NarrativeClassifier,
    stance_model: NarrativeClassifier,
    params: NarrativesParams,
    contexts: list[str | None] | None = None,
    docs: list | None = None,
    publishers: list[Publisher] | None = None,
) -> list[NarrativeResult]:
    """One result per text, in order; `contexts[i]` (optional) is the quote introduction carried into text i;
    `docs[i]` (optional) a parse of text i (the mentions stage's stored parse), used when it has no context;
    `publishers[i]` (optional) who publishes text i, which a stance map may read."""
    n = len(texts)
    contexts = [None] * n if contexts is None else contexts
    publishers = [Publisher()] * n if publishers is None else publishers
    if len(contexts) != n or len(publishers) != n:
        raise ValueError(f"analyse: {len(contexts)} contexts and {len(publishers)} publishers for {n} texts; give one "
                         "per text (or None)")
    if docs is not None and len(docs) != n:
        raise ValueError(f"analyse: {len(docs)} parses for {n} texts; give one per text (or None)")
    wide = [_joined(c, t) for c, t in zip(contexts, texts)]
    hits = [find_cues(w) for w in wide]
    heading = [not c and is_heading(t, params.heading_max_words) for c, t in zip(contexts, texts)]
    todo = [i for i in range(n) if texts[i].strip() and not heading[i]]
    wide_docs: dict[int, Any] = {}
    if detector.needs_parse or stance_model.needs_parse:
        missing = [i for i in todo if docs is None or contexts[i] or docs[i] is None]
        wide_docs = {i: docs[i] for i in todo if i not in set(missing)} if docs is not None else {}
        wide_docs.update(zip(missing, detector.parse([wide[i] for i in missing])))
    voice = {i: find_voice(wide_docs[i]) for i in wide_docs}
    spans = {i: scoring_spans(texts[i], params, hits[i]) for i in todo}
    units = [_joined(contexts[i], texts[i][s:e]) for i in todo for s, e in spans[i]]
    cue_units = [wide[i] for i in todo for _ in spans[i]]
    unit_docs = [wide_docs.get(i) for i in todo for _ in spans[i]] if wide_docs else None
    p_narr = np.full(n, np.nan)
    stance_p = np.full((n, len(stance_model.labels)), np.nan)
    best: dict[int, int] = {}  # index into spans[i] of the best-scoring window
    neighbours: dict[int, list[dict]] = {}
    if units:
        X, emb = detector.featurize(units, cue_units, unit_docs)
        p_units = detector.proba_from_features(X)[:, detector.labels.index("narrative")]
        # the stance reads the whole paragraph: who the story serves is often said outside the window that
        # shows who speaks (a trust's framing sentence, a closing complaint)
        Xs = stance_model.featurize([wide[i] for i in todo], [wide[i] for i in todo],
                                    [wide_docs.get(i) for i in todo] if wide_docs else None)[0]
        stance_p[todo] = stance_model.proba_from_features(Xs)
        rows, offset = [], 0
        for i in todo:
            best[i] = int(np.argmax(p_units[offset : offset + len(spans[i])]))
            row = offset + best[i]
            p_narr[i] = p_units[row]
            rows.append(row)
            offset += len(spans[i])
        neighbours = dict(zip(todo, detector.nearest_to(emb[rows], params.n_neighbours)))
    scored = set(todo)
    decided = [_decide(h, i in scored, p_narr[i], voice.get(i), wide[i], contexts[i], params)
               for i, h in enumerate(hits)]
    decided = _second_look(detector, params, wide, decided)
    opinions = _stance_opinions(stance_model, params, wide,
                                [i for i, d in enumerate(decided) if d.is_narrative and not hits[i].critique_of_cooptation])
    out = []
    for i, h in enumerate(hits):
        d = decided[i]
        candidate, v = d.candidate, d.voice
        calibrated = reasons = stance_map = None
        scores = {} if not candidate else {lab: round(float(stance_p[i, j]), 4) for j, lab in enumerate(stance_model.labels)}
        detected_by = "detector" + (" + second opinion" if d.second_opinion is not None else "")
        if not candidate:
            stance, decided_by = NO_STANCE, "heading rule" if heading[i] else "empty paragraph"
        elif not d.is_narrative:
            stance = NO_STANCE
            decided_by = "voice rule" if d.score >= params.threshold else detected_by
        elif h.critique_of_cooptation:
            stance, decided_by = TRANSFORMATIVE, f"{detected_by} + critique_of_cooptation rule"
        else:
            context = StanceContext(opinions.get(i), h.framing, d.speaker, narrative_type(h, v, d.is_narrative),
                                    publishers[i].kind)
            (stance, calibrated) = model_stance(scores, params, context)
            if calibrated is not None:
                stance_map = params.stance_map_key(context.publisher)
                reasons = getattr(params, stance_map).reasons(scores, context) if map_decides(params, context) else None
            decided_by = f"{detected_by} + stance model" + (" + second opinion" if i in opinions else "")
        window = None
        if candidate and len(spans[i]) > 1:
            s, e = spans[i][best[i]]
            window = {"start": s, "end": e, "n_windows": len(spans[i]), "text": texts[i][s:e]}
        evidence = {
            "candidate": candidate,
            "decided_by": decided_by,
            "heading": heading[i],
            "narrative_type": narrative_type(h, v, d.is_narrative),
            "voice": v.evidence() if v is not None else {},
            "cues": h.narrative,
            "quotes": h.quotes,
            "quote_intro": h.quote_intro,
            "context": contexts[i],
            "window": window,
            "framing": framing_summary(h),
            "speaker": d.speaker,
            "publisher": publishers[i].evidence(),
            "detector_score": d.detector_score,
            "detection_calibrated": d.calibrated,
            "detection_second_opinion": d.second_opinion,
            "voice_veto": bool(candidate and d.other_voice),
            "stance_calibrated": calibrated,
            "stance_map": stance_map,
            "stance_reasons": reasons,
            "stance_second_opinion": opinions.get(i),
            "critique_of_cooptation": h.critique_of_cooptation,
            "cooptation_phrases": h.cooptation_phrases,
            "nearest_examples": neighbours.get(i, []),
        }
        out.append(NarrativeResult(candidate, d.is_narrative, d.score, stance, scores, evidence))
    return out
