"""The coding frame made computable: one embedding prototype per theme and the lemma keys of its seed terms.

A theme's prototype is the normalised mean of the embeddings of its description and of its seed terms read as
one sentence; a seed term is matched by its spaCy lemmas or its words (punctuation ignored, so "decision-making"
and "decision making" are one key), which finds "decided", "roles", "tokenistic" in running prose.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.nlp import parse_texts
from pipelines.themes.settings import ThemeSpec, ThemesParams

LemmaKey = tuple[str, ...]


def lemma_key(tokens) -> LemmaKey:
    """The lower-cased lemmas of `tokens` (spaCy tokens), punctuation and spaces left out."""
    return tuple((t.lemma_ or t.text).lower() for t in tokens if not (t.is_punct or t.is_space))


def word_key(tokens) -> LemmaKey:
    """The lower-cased words of `tokens`, punctuation and spaces left out (a term lemmatised differently alone
    and in a sentence, as "decision-making" / "decision making", still matches its own spelling)."""
    return tuple(t.text.lower() for t in tokens if not (t.is_punct or t.is_space))


def prototype_texts(theme: ThemeSpec) -> list[str]:
    """What a theme's prototype is the mean of: its description and its seed terms as one sentence."""
    return [theme.description, f"{theme.name.replace('_', ' ')}: {', '.join(theme.seed_terms)}."]


@dataclass(frozen=True)
class ThemeFrame:
    """Themes in frame order, their unit prototypes (n_themes x dim) and per theme the seed-term lemma keys."""

    themes: list[ThemeSpec]
    prototypes: np.ndarray
    term_keys: list[dict[LemmaKey, str]]

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.themes]


def build_frame(params: ThemesParams, encoder, nlp) -> ThemeFrame:
    """The frame of `params`: prototypes from `encoder` (an EmbeddingCache), seed-term keys from `nlp` lemmas."""
    texts = [prototype_texts(t) for t in params.themes]
    flat = [s for group in texts for s in group]
    vectors = encoder.encode(flat)
    prototypes, i = [], 0
    for group in texts:
        mean = vectors[i : i + len(group)].mean(axis=0)
        prototypes.append(mean / (np.linalg.norm(mean) or 1.0))
        i += len(group)
    terms = [term for t in params.themes for term in t.seed_terms]
    docs = iter(parse_texts(nlp, terms))
    keys: list[dict[LemmaKey, str]] = []
    for theme in params.themes:
        own: dict[LemmaKey, str] = {}
        for term in theme.seed_terms:
            doc = next(docs)
            for key in (lemma_key(doc), word_key(doc)):
                if key:
                    own.setdefault(key, term)
        keys.append(own)
    return ThemeFrame(list(params.themes), np.vstack(prototypes).astype(np.float32), keys)
