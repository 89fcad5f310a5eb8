"""Score passages against the frame: sentence similarity to each theme's prototype plus seed-term matches.

A passage's similarity to a theme is the highest cosine of one of its sentences to the prototype (a theme is
often carried by one sentence of a long paragraph); its term share is the number of distinct seed terms found
(by lemma) over `term_saturation`, capped at 1. score = (1 - term_weight) * similarity + term_weight * share;
`assigned` when the score reaches the theme's threshold. Evidence: the top sentences with their offsets and
cosines, and every matched seed term with its offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pipelines.themes.frame import LemmaKey, ThemeFrame
from pipelines.themes.settings import ThemesParams

Span = tuple[int, int]


@dataclass(frozen=True)
class Passage:
    """A passage's text, its spaCy Doc (lemmas; offsets local to the text) and sentence spans (local offsets)."""

    text: str
    doc: object
    sentences: list[Span]


@dataclass
class ThemeScore:
    theme: str
    score: float
    similarity: float
    assigned: bool
    terms: list[dict] = field(default_factory=list)  # {"term", "text", "start", "end"} (local offsets)
    sentences: list[dict] = field(default_factory=list)  # {"text", "start", "end", "similarity"} (local offsets)


def sentence_spans(doc) -> list[Span]:
    """Sentence spans of a parsed text (for passages that do not come with the pipeline's sentences table)."""
    return [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def match_terms(doc, keys: dict[LemmaKey, str]) -> list[dict]:
    """Every occurrence of a seed term in `doc` by lemma (or word): the term, the text matched and its local offsets;
    overlapping matches of one theme keep the longer (the first when equally long)."""
    tokens = [t for t in doc if not (t.is_punct or t.is_space)]
    lemmas = [(t.lemma_ or t.text).lower() for t in tokens]
    words = [t.text.lower() for t in tokens]
    found = []
    for length in sorted({len(k) for k in keys}, reverse=True):
        for i in range(len(tokens) - length + 1):
            term = keys.get(tuple(lemmas[i : i + length])) or keys.get(tuple(words[i : i + length]))
            if term is None:
                continue
            start, end = tokens[i].idx, tokens[i + length - 1].idx + len(tokens[i + length - 1])
            if any(start < f["end"] and f["start"] < end for f in found):
                continue
            found.append({"term": term, "text": doc.text[start:end], "start": start, "end": end})
    return sorted(found, key=lambda f: f["start"])


def score_passages(passages: list[Passage], frame: ThemeFrame, params: ThemesParams, encoder) -> list[list[ThemeScore]]:
    """Per passage, one ThemeScore per theme of the frame (frame order)."""
    texts = [p.text[s:e] for p in passages for s, e in p.sentences]
    vectors = encoder.encode(texts) if texts else np.zeros((0, frame.prototypes.shape[1]), dtype=np.float32)
    sims_all = vectors @ frame.prototypes.T  # (n_sentences, n_themes)
    out, row = [], 0
    for p in passages:
        n = len(p.sentences)
        sims = sims_all[row : row + n]
        row += n
        scores = []
        for j, theme in enumerate(frame.themes):
            terms = match_terms(p.doc, frame.term_keys[j])
            share = min(1.0, len({t["term"] for t in terms}) / params.term_saturation)
            column = sims[:, j] if n else np.zeros(0)
            similarity = float(column.max()) if n else 0.0
            score = (1.0 - params.term_weight) * max(similarity, 0.0) + params.term_weight * share
            top = np.argsort(-column, kind="stable")[: params.max_evidence_sentences] if n else []
            evidence = [{"text": p.text[p.sentences[k][0] : p.sentences[k][1]], "start": p.sentences[k][0],
                         "end": p.sentences[k][1], "similarity": round(float(column[k]), 4)} for k in top]
            scores.append(ThemeScore(theme.name, round(score, 4), round(similarity, 4),
                                     bool(score >= params.threshold_of(theme)), terms, evidence))
        out.append(scores)
    return out
