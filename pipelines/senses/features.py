"""Features of one mention: MiniLM embeddings of its sentence, of a window centred on it and of its passage, the
window's words (the mention itself reduced to one token such as `coproductions`, since the form is a cue: plural
"co-productions" and "co-producer" lean to film, "co-produced with patients" to participation), the passage's
words, and the lexical cue block of `cues.py` (sense vocabularies in sentence and passage, the mention's shape).
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
from pipelines.senses.cues import cue_matrix, cue_names
from pipelines.text.lexicon import Lexicon
from pipelines.text.spans import doc_text, sentence_bounds

_WORD = re.compile(r"\S+")
WINDOW_COLUMN = "window"
CONTEXT_COLUMN = "passage"
#: Characters of passage kept around the mention's sentence (MiniLM reads about 256 word pieces).
CONTEXT_CHARS = 1200


@dataclass(frozen=True)
class MentionSpan:
    """A mention inside its sentence (character offsets into `text`), with the passage (paragraph) around that
    sentence as `context`; a sentence given alone is its own context. `scope`, when given, is the whole text the
    mention belongs to (its document, or the whole passage `colens classify` reads), which a codebook rule may read
    for who the work is done with."""

    text: str
    start: int
    end: int
    context: str = ""
    scope: str = ""

    @property
    def passage(self) -> str:
        return self.context or self.text

    @property
    def whole(self) -> str:
        """The widest text known around the mention: its document or passage."""
        return self.scope or self.passage


def clip_context(context: str, sentence: str, chars: int = CONTEXT_CHARS) -> str:
    """The part of a long passage centred on the mention's sentence, at most `chars` characters."""
    if len(context) <= chars:
        return context
    at = max(context.find(sentence), 0)
    start = max(0, min(at + len(sentence) // 2 - chars // 2, len(context) - chars))
    return context[start : start + chars]


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
    """The mention at [start, end) of a parsed passage inside its sentence, the passage as its context: what the
    classifier is given."""
    s0, s1 = sentence_bounds(doc, start, end)
    text = doc_text(doc)
    return MentionSpan(text[s0:s1], start - s0, end - s0, clip_context(text, text[s0:s1]), text)


def _window(span: MentionSpan, words: int, token: bool) -> str:
    left = _WORD.findall(span.text[: span.start])[-words:] if words else []
    right = _WORD.findall(span.text[span.end :])[:words] if words else []
    surface = span.text[span.start : span.end]
    if not surface:  # no mention: the text itself, as far as the window reaches
        return " ".join(_WORD.findall(span.text)[: 2 * words + 1])
    middle = mention_token(surface) if token else surface
    return " ".join([*left, middle, *right])


def embedding_columns(dim: int) -> list[str]:
    return [f"s{i}" for i in range(dim)] + [f"w{i}" for i in range(dim)] + [f"c{i}" for i in range(dim)]


def feature_frame(spans: Sequence[MentionSpan], cache: EmbeddingCache, window_words: int) -> pd.DataFrame:
    """One row per mention: the TF-IDF window and passage texts, three embeddings (sentence, mention window,
    passage) and the cue block."""
    sentences = cache.encode([s.text for s in spans])
    windows = cache.encode([_window(s, window_words, token=False) for s in spans])
    passages = cache.encode([s.passage for s in spans])
    emb = np.hstack([sentences, windows, passages])
    frame = pd.DataFrame(emb, columns=embedding_columns(sentences.shape[1]))
    cues = cue_matrix([(s.text, s.start, s.end, s.passage) for s in spans])
    frame = pd.concat([frame, pd.DataFrame(cues, columns=cue_names())], axis=1)
    frame.insert(0, CONTEXT_COLUMN, [s.passage for s in spans])
    frame.insert(0, WINDOW_COLUMN, [_window(s, window_words, token=True) for s in spans])
    return frame


def embedding_dim(frame: pd.DataFrame) -> int:
    """The encoder's dimension, read off a feature frame's embedding columns."""
    return sum(1 for c in frame.columns if re.fullmatch(r"s\d+", str(c)))


def build_estimator(dim: int, C: float, tfidf_weight: float, seed: int, context_weight: float = 0.5,
                    cue_weight: float = 0.5, class_weight: str | None = "balanced") -> Pipeline:
    """TF-IDF of the window and of the passage, the embeddings and the cue block, into a logistic regression."""
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, lowercase=True)
    passage = TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=2, lowercase=True)
    columns = ColumnTransformer(
        [("words", words, WINDOW_COLUMN), ("passage", passage, CONTEXT_COLUMN),
         ("embeddings", "passthrough", embedding_columns(dim)), ("cues", "passthrough", cue_names())],
        transformer_weights={"words": tfidf_weight, "passage": context_weight, "embeddings": 1.0,
                             "cues": cue_weight},
    )
    clf = LogisticRegression(C=C, max_iter=3000, class_weight=class_weight, random_state=seed)
    return Pipeline([("features", columns), ("classifier", clf)])
