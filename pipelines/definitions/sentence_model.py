"""Generic mode's sentence model: P(a sentence or two-sentence window defines some term), from the frozen MiniLM
embedding of its text and the cue and parse features of `cues.py`, by a logistic regression. Saved beside the
candidate model (models/definitions/generic) so target mode keeps its own, separately validated model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from pipelines.definitions.cues import parse_cues, text_cues
from pipelines.definitions.generic import ANAPHOR
from pipelines.definitions.naming import SECTION_LABEL
from pipelines.text.spans import doc_text

GENERIC_DIR = "generic"  # sub-folder of models/definitions


@dataclass
class Unit:
    """A sentence, or a two-sentence window, of a parsed text: its spans and its text."""

    spans: list
    text: str

    @property
    def window(self) -> bool:
        return len(self.spans) > 1


#: A second sentence that continues the first: an anaphor ("This is called …", "It refers to …", "These are …"), a
#: bracketed gloss, or a connective before one. Only such pairs can hold a definition neither sentence holds alone.
_LINKED = re.compile(
    r"\s*[(\[]|\s*(?:(?:but|and|so|yet|rather|here|put\s+simply|in\s+short|simply\s+put|in\s+other\s+words)\s*,?\s+)?"
    r"(?:this|these|that|those|it|they|such|the\s+(?:term|concept|idea|word|notion|approach|process|practice|phrase|"
    r"name|latter|former))\b", re.I)


def linked(first, second) -> bool:
    """Could the pair (two adjacent sentence Spans) define what neither sentence defines alone? The first is a
    question, a lead-in ending with a colon or a short heading, or the second continues it: every anaphor target
    mode reads in a window (`generic.ANAPHOR`), or `_LINKED`."""
    head = first.text.rstrip().rstrip("’”\"')")
    return (head.endswith(("?", ":")) or len(first) <= 5 or bool(ANAPHOR.match(second.text))
            or bool(_LINKED.match(second.text)))


def _without_label(doc, sent):
    """The sentence Span without a section label that opens it ("Objectives: To describe …": a structured
    abstract's heading, not a term the sentence glosses), so neither its text nor its parse reads the label."""
    m = SECTION_LABEL.match(doc_text(doc), sent.start_char, sent.end_char)
    rest = doc.char_span(m.end(), sent.end_char, alignment_mode="contract") if m else None
    return rest if rest is not None and len(rest) else sent


def units_of(doc, sents: Sequence, windows: bool, linked_only: bool = False) -> list[tuple[int, bool, Unit]]:
    """(index of the first sentence, is_window, unit) for every sentence and, with `windows`, every pair of
    adjacent sentences (with `linked_only`, only the pairs `linked` keeps); a unit starts after a section label
    that opens it (`_without_label`)."""
    text = doc_text(doc)
    heads = [_without_label(doc, s) for s in sents]
    out = [(i, False, Unit([h], text[h.start_char : h.end_char])) for i, h in enumerate(heads)]
    if windows:
        out += [(i - 1, True, Unit([heads[i - 1], sents[i]], text[heads[i - 1].start_char : sents[i].end_char]))
                for i in range(1, len(sents)) if not linked_only or linked(sents[i - 1], sents[i])]
    return out


def unit_features(unit: Unit) -> dict[str, float]:
    """Cue flags of the unit's text, parse facts (the strongest over its sentences), and window facts."""
    f = text_cues(unit.text.strip())
    for span in unit.spans:
        for k, v in parse_cues(span).items():
            f[k] = max(f.get(k, 0.0), v)
    if unit.window:
        second = unit.spans[1]
        f["window"] = 1.0
        f["window:anaphor"] = float(bool(ANAPHOR.match(doc_text(second.doc), second.start_char, second.end_char)))
        f["window:first_question"] = float(unit.spans[0].text.rstrip().endswith("?"))
        f["window:first_short"] = float(len(unit.spans[0]) <= 5)
    return f


def text_features(nlp, texts: list[str]) -> list[dict[str, float]]:
    """Features of whole texts (a training example is one unit, however many sentences it has)."""
    out = []
    for doc in nlp.pipe(texts, batch_size=64):
        sents = list(doc.sents)
        unit = Unit(sents[:1] if len(sents) == 1 else [doc[sents[0].start : sents[-2].end], sents[-1]], doc.text)
        out.append(unit_features(unit))
    return out


class SentenceModel:
    """Vectorised cue features beside the weighted embedding, scored by one logistic regression."""

    def __init__(self, vectorizer: DictVectorizer, clf: LogisticRegression, embed_weight: float):
        self.vectorizer, self.clf, self.embed_weight = vectorizer, clf, embed_weight

    def matrix(self, feats: list[dict], emb: np.ndarray):
        parts = [self.vectorizer.transform(feats)]
        if self.embed_weight > 0:
            parts.append(csr_matrix(np.asarray(emb, dtype=float) * self.embed_weight))
        return hstack(parts).tocsr()

    def scores(self, feats: list[dict], emb: np.ndarray) -> list[float]:
        if not feats:
            return []
        col = list(self.clf.classes_).index(1)
        return [float(p) for p in self.clf.predict_proba(self.matrix(feats, emb))[:, col]]

    def to_state(self) -> dict:
        return {"vectorizer": self.vectorizer, "clf": self.clf, "embed_weight": float(self.embed_weight)}

    @classmethod
    def from_state(cls, state: dict) -> "SentenceModel":
        return cls(state["vectorizer"], state["clf"], float(state["embed_weight"]))


#: Prefix of the word-count bin features (`cues.text_cues`), left out of the fit unless `length_bins`.
LENGTH_BIN = "len:"


def fit_sentence_model(feats: list[dict], emb: np.ndarray, y: Sequence[int], C: float, embed_weight: float,
                       seed: int, length_bins: bool = True) -> SentenceModel:
    """Fit on labelled units (y: 1 definition, 0 not). Without `length_bins` the vectorizer never sees the length
    features, so it ignores them when scoring too."""
    if not length_bins:
        feats = [{k: v for k, v in f.items() if not k.startswith(LENGTH_BIN)} for f in feats]
    vec = DictVectorizer(sparse=True).fit(feats)
    model = SentenceModel(vec, LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed),
                          embed_weight)
    model.clf.fit(model.matrix(feats, emb), np.asarray(y, dtype=int))
    return model
