"""Features of one mention: MiniLM embeddings of its sentence and of a window centred on it, plus the window's
words (the mention itself reduced to one token such as `coproductions`, since the form is a cue: plural
"co-productions" and "co-producer" lean to film, "co-produced with patients" to participation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from pipelines.embeddings import EmbeddingCache
from pipelines.text.lexicon import Lexicon
from pipelines.text.spans import doc_text, sentence_bounds

_WORD = re.compile(r"\S+")
WINDOW_COLUMN = "window"


@dataclass(frozen=True)
class MentionSpan:
    """A mention inside its sentence (character offsets into `text`)."""

    text: str
    start: int
    end: int


def mention_token(surface: str) -> str:
    """The mention as one word for the bag of words: 'Co‐Productions' -> 'coproductions'."""
    return re.sub(r"[^a-z]", "", surface.lower()) or "coproduction"


def first_mention(text: str, lexicon: Lexicon) -> MentionSpan:
    """Span of the first target mention in a free text; the whole text when it has none."""
    found = lexicon.find_target(text)
    if not found:
        return MentionSpan(text, 0, 0)
    return MentionSpan(text, found[0].start, found[0].end)


def mention_in_sentence(doc, start: int, end: int) -> MentionSpan:
    """The mention at [start, end) of a parsed text inside its sentence: what the classifier is given."""
    s0, s1 = sentence_bounds(doc, start, end)
    return MentionSpan(doc_text(doc)[s0:s1], start - s0, end - s0)


def _window(span: MentionSpan, words: int, token: bool) -> str:
    left = _WORD.findall(span.text[: span.start])[-words:] if words else []
    right = _WORD.findall(span.text[span.end :])[:words] if words else []
    surface = span.text[span.start : span.end]
    if not surface:  # no mention: the text itself, as far as the window reaches
        return " ".join(_WORD.findall(span.text)[: 2 * words + 1])
    middle = mention_token(surface) if token else surface
    return " ".join([*left, middle, *right])


def embedding_columns(dim: int) -> list[str]:
    return [f"s{i}" for i in range(dim)] + [f"w{i}" for i in range(dim)]


def feature_frame(spans: Sequence[MentionSpan], cache: EmbeddingCache, window_words: int) -> pd.DataFrame:
    """One row per mention: the TF-IDF window text and the two embeddings (sentence, mention window)."""
    sentences = cache.encode([s.text for s in spans])
    windows = cache.encode([_window(s, window_words, token=False) for s in spans])
    emb = np.hstack([sentences, windows])
    frame = pd.DataFrame(emb, columns=embedding_columns(sentences.shape[1]))
    frame.insert(0, WINDOW_COLUMN, [_window(s, window_words, token=True) for s in spans])
    return frame


def build_estimator(dim: int, C: float, tfidf_weight: float, seed: int) -> Pipeline:
    """TF-IDF of the window plus the embeddings, into a class-balanced logistic regression."""
    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    columns = ColumnTransformer(
        [("words", tfidf, WINDOW_COLUMN), ("embeddings", "passthrough", embedding_columns(dim))],
        transformer_weights={"words": tfidf_weight, "embeddings": 1.0},
    )
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    return Pipeline([("features", columns), ("classifier", clf)])
