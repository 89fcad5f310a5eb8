"""The level model's inputs and estimator: cue phrases per Needham & Carr level (counted as features and shown
as evidence), sentence embeddings, and word TF-IDF, in one DataFrame for one scikit-learn Pipeline.

Descriptive cues: consultation, feedback, compliance, self-management. Intermediate: partnership in design and
delivery, valued or paid contributions, the institution keeping control. Transformative: user-led control of
budgets, governance and decisions. `concept` cues mark talk about the concept itself (no practice: n/a).
Inputs are one DataFrame (column `text` plus dense columns) so that a single Pipeline, saved with skops, holds the
TF-IDF vocabulary, the scaling and the classifier together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipelines.embeddings import EmbeddingCache
from pipelines.text.normalize import normalize_for_matching

_CO = r"co-?\s?"
CUES: dict[str, list[str]] = {
    "descriptive": [
        r"consult(?:ed|ing|s|ation|ations|ative)?", r"surveys?", r"questionnaires?", r"feedback",
        r"(?:asked|seek|sought|gather|give|gave|capture[ds]?)\b[\w\s]{0,25}\bviews?", r"comment(?:s|ed|ing)?",
        r"suggestion box", r"complian(?:ce|t)", r"compl(?:y|ied)", r"adheren(?:ce|t)", r"adhere",
        r"self-?manag(?:e|es|ed|ing|ement)", r"self-?monitor(?:ing)?", r"self-?care", r"satisfaction",
        r"tick-?box", r"focus groups?", r"listening events?", r"poll", r"friends and family test",
        r"kept informed", r"informing", r"patient experience", r"responses?", r"responded", r"market research",
        r"post-?it notes?", r"rate[ds]?\b", r"taken into account", r"you said,? we did",
    ],
    "intermediate": [
        _CO + r"design(?:ed|ing|s)?", _CO + r"deliver(?:ed|ing|s|y)?", _CO + r"facilitat(?:e|ed|ing|ion)",
        _CO + r"wr(?:ote|ite|itten|iting)", _CO + r"(?:lead|led|leads|leading)", _CO + r"chair(?:ed|s)?",
        _CO + r"develop(?:ed|ing|s)?", _CO + r"author(?:ed|s)?", _CO + r"analys(?:ed|is|ing)",
        _CO + r"researchers?", _CO + r"run", _CO + r"interpret(?:ed|ing)?", _CO + r"present(?:ed|ing)?",
        r"partners?", r"partnership", r"alongside", r"together", r"jointly", r"joint", r"valued?",
        r"paid", r"payment", r"experts? by experience", r"peer (?:trainers?|workers?|supporters?|researchers?)",
        r"lived experience (?:advisers?|practitioners?|representatives?|roles?|panel)",
        r"(?:steering|working|reference|advisory) groups?", r"interview panels?", r"equal (?:partners?|members?|weight)",
        r"(?:retain|keep|kept|maintain)\w* (?:overall |the |final )?(?:responsibility|control)", r"final (?:say|decision|approval)\w* (?:rests?|resting|stays?|remains?) with",
        r"signed? off", r"approv(?:ed|al|es)", r"redesign(?:ed|ing|s)?", r"help(?:ed|s)? (?:to )?(?:design|redesign|shape|write)",
        r"reciproc(?:al|ity)", r"mutuality", r"colleagues?", r"members of the (?:project|study) (?:team|board|group)",
    ],
    "transformative": [
        r"user-?led", r"survivor-?(?:led|run|controlled)", r"peer-?(?:led|run)", r"user-?controlled", r"member-?led",
        r"community-?(?:led|owned)", r"(?:users?|members?|people|residents|survivors?)\b[\w\s']{0,30}\bcontrol",
        r"(?:take|took|taken|taking|hold|holds|held|gives?|full|have|has|in) control", r"control (?:over|of)",
        r"budgets?", r"governance", r"govern(?:s|ed|ing)?", r"decision-?making (?:power|authority|roles?)",
        r"relocat(?:e|es|ion|ing) (?:of )?power", r"(?:shift|transfer|devolv)\w* (?:of )?(?:power|funding|ownership|control)",
        r"power (?:was |is )?devolved", r"veto", r"casting vote", r"majority", r"commission(?:s|ed|ing|er)?",
        r"employ(?:s|ed)? (?:its|their|our|all) ", r"hir(?:e|es|ed|ing)", r"own(?:s|ed)?\b", r"ownership",
        r"(?:run|managed|governed|owned|controlled) (?:entirely )?by", r"(?:ha(?:ve|s|d)|hold) the final (?:say|vote)",
        r"binding", r"authority", r"citizen power", r"funds?\b", r"grants?",
    ],
    "concept": [
        r"literature", r"defin(?:ition|itions|ed|e)", r"concept", r"term", r"buzzword", r"principles?",
        r"committed to", r"commitment", r"framework", r"reviews?\b", r"research is needed", r"little is known",
        r"debat(?:e|es|ed|ing)", r"evidence", r"theor(?:y|ies|ised|ists?)", r"rhetoric", r"awards?",
        r"conference", r"webinar", r"toolkit", r"keywords?", r"elasticity", r"aspire", r"we value",
        r"is (?:essential|vital|good|key|at the heart)", r"meaning", r"notion",
    ],
}
CUE_LEVELS = list(CUES)


@dataclass(frozen=True)
class Cue:
    level: str
    phrase: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"level": self.level, "cue": self.phrase, "start": self.start, "end": self.end}


_COMPILED = {
    level: re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)
    for level, patterns in CUES.items()
}


def find_cues(text: str) -> list[Cue]:
    """Every cue phrase in `text`, sorted by offset (offsets valid on the original text)."""
    norm = normalize_for_matching(text)
    out = [
        Cue(level, text[m.start() : m.end()], m.start(), m.end())
        for level, regex in _COMPILED.items()
        for m in regex.finditer(norm)
    ]
    return sorted(out, key=lambda c: (c.start, c.level))


CUE_FEATURES = [f"cue_{lvl}" for lvl in CUE_LEVELS]


def cue_counts(texts: list[str]) -> np.ndarray:
    """log(1 + count) of each cue level per text, shape (n, len(CUE_LEVELS))."""
    out = np.zeros((len(texts), len(CUE_LEVELS)), dtype=np.float32)
    for i, text in enumerate(texts):
        for cue in find_cues(text):
            out[i, CUE_LEVELS.index(cue.level)] += 1
    return np.log1p(out)


def feature_frame(texts: list[str], embedder: EmbeddingCache) -> pd.DataFrame:
    """One row per text: the text, its embedding (e0..), and cue counts (cue_<level>)."""
    emb = embedder.encode(texts)
    dense = np.hstack([emb, cue_counts(texts)])
    cols = [f"e{i}" for i in range(emb.shape[1])] + CUE_FEATURES
    frame = pd.DataFrame(dense, columns=cols)
    frame.insert(0, "text", list(texts))
    return frame


def build_estimator(n_dims: int, C: float, cue_weight: float, seed: int) -> Pipeline:
    """Embeddings and (weighted) cue counts, then a class-balanced logistic regression over the graded levels.
    A word TF-IDF block was tried and dropped: it did not help on the real-prose development set."""
    emb_cols = [f"e{i}" for i in range(n_dims)]
    features = ColumnTransformer(
        [("embedding", "passthrough", emb_cols), ("cues", "passthrough", CUE_FEATURES)],
        transformer_weights={"embedding": 1.0, "cues": cue_weight},
    )
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


@dataclass(frozen=True)
class Claim:
    """A sentence of a passage that mentions the term: the unit the codebook grades."""

    text: str
    start: int
    end: int


def claims(text: str, has_term) -> list[Claim]:
    """The passage's sentences that mention the term (`has_term(sentence) -> bool`); the whole passage when none
    does or it has one sentence. Sentences are cut at end punctuation and line breaks, which holds for scraped
    text without a parse."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    found = [Claim(text[a:b], a, b) for a, b in spans if text[a:b].strip() and has_term(text[a:b])]
    return found or [Claim(text, 0, len(text))]
