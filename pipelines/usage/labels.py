"""Topic words free of stop words: one vectorizer for BERTopic and for per-genre / per-year topic words.

The vectorizer runs on per-topic concatenated documents (BERTopic's c-TF-IDF), so min_df counts topics: a word
needs to occur in one topic to count, and no max_df cut (a handful of topics would otherwise lose everything).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

#: Stop words removed from topic words: scikit-learn's and spaCy's English lists together.
STOP_WORDS: frozenset[str] = frozenset(w.lower() for w in ENGLISH_STOP_WORDS | SPACY_STOP_WORDS)
# Words of at least two letters (no digits or underscores): years and page numbers make poor labels.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"


def preprocess(text: str) -> str:
    """What BERTopic feeds its vectorizer for English: ASCII letters, digits and spaces only, so that
    "co-produced" becomes "coproduced". Applied here too, so every topic word list is built the same way."""
    return re.sub(r"[^A-Za-z0-9 ]+", "", text.replace("\n", " ").replace("\t", " "))


def make_vectorizer(exclude_words: Iterable[str] = ()) -> CountVectorizer:
    """Unigrams and bigrams without stop words (plus `exclude_words`, e.g. the parts of the node term)."""
    words = STOP_WORDS | {w.lower() for w in exclude_words}
    # stop words as the tokenizer cuts them ("we'll" -> "ll"), so none slips through and sklearn does not warn
    stop = sorted(words | {t for w in words for t in re.findall(TOKEN_PATTERN, w)})
    return CountVectorizer(
        stop_words=stop, token_pattern=TOKEN_PATTERN, ngram_range=(1, 2), min_df=1, max_df=1.0, lowercase=True
    )


def node_words(surfaces: Iterable[str]) -> set[str]:
    """The words the vectorizer may see for the node's spellings: "co-production" gives "co", "production" and
    (after BERTopic's preprocessing) "coproduction"; excluded from topic words, where they would top every topic."""
    analyzer = CountVectorizer(token_pattern=TOKEN_PATTERN, lowercase=True).build_analyzer()
    return {w for s in surfaces for form in (str(s), preprocess(str(s))) for w in analyzer(form)}


def has_vocabulary(texts: Sequence[str], exclude_words: Iterable[str] = ()) -> bool:
    """Whether any text keeps a word after stop-word removal (else c-TF-IDF has nothing to rank)."""
    analyzer = make_vectorizer(exclude_words).build_analyzer()
    return any(analyzer(preprocess(t)) for t in texts)


def ctfidf_words(groups: Sequence[str], top_n: int, exclude_words: Iterable[str] = ()) -> list[list[str]]:
    """Top `top_n` words per group document by class-based TF-IDF (BERTopic's formula, Grootendorst 2022)."""
    if not groups:
        return []
    if not has_vocabulary(groups, exclude_words):
        return [[] for _ in groups]
    from bertopic.vectorizers import ClassTfidfTransformer

    vectorizer = make_vectorizer(exclude_words)
    counts = vectorizer.fit_transform([preprocess(g) for g in groups])
    weights = ClassTfidfTransformer().fit_transform(counts).toarray()
    vocab = vectorizer.get_feature_names_out()
    out: list[list[str]] = []
    for row in weights:
        order = np.lexsort((vocab, -row))  # by weight, ties alphabetically: reproducible
        out.append([str(vocab[j]) for j in order[:top_n] if row[j] > 0])
    return out
