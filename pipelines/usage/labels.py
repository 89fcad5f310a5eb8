"""Topic terms by c-TF-IDF: noun phrases (`phrases.py`) or single words free of stop words, one rule for the topic
table and for per-genre / per-year topic words.

The vectorizer runs on per-topic concatenated documents (BERTopic's c-TF-IDF), so min_df counts topics: a word
needs to occur in one topic to count, and no max_df cut (a handful of topics would otherwise lose everything).
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.preprocessing import normalize

from pipelines.text.stopwords import spacy_stop_words

#: Stop words removed from topic words: scikit-learn's and spaCy's English lists together.
STOP_WORDS: frozenset[str] = frozenset(w.lower() for w in ENGLISH_STOP_WORDS | spacy_stop_words())
# Words of at least two letters (no digits or underscores): years and page numbers make poor labels.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"


def preprocess(text: str) -> str:
    """What BERTopic feeds its vectorizer for English: ASCII letters, digits and spaces only, so that
    "co-produced" becomes "coproduced". Applied here too, so every topic word list is built the same way."""
    return re.sub(r"[^A-Za-z0-9 ]+", "", text.replace("\n", " ").replace("\t", " "))


def make_vectorizer(exclude_words: Iterable[str] = (), ngram_range: tuple[int, int] = (1, 2)) -> CountVectorizer:
    """Words (and word n-grams up to `ngram_range`) without stop words (nor `exclude_words`, e.g. the node's parts)."""
    words = STOP_WORDS | {w.lower() for w in exclude_words}
    # stop words as the tokenizer cuts them ("we'll" -> "ll"), so none slips through and sklearn does not warn
    stop = sorted(words | {t for w in words for t in re.findall(TOKEN_PATTERN, w)})
    return CountVectorizer(
        stop_words=stop, token_pattern=TOKEN_PATTERN, ngram_range=ngram_range, min_df=1, max_df=1.0, lowercase=True
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


def ctfidf_words(groups: Sequence[str], top_n: int, exclude_words: Iterable[str] = (),
                 vectorizer: CountVectorizer | None = None) -> list[list[str]]:
    """Top `top_n` terms per group document by class-based TF-IDF (BERTopic's formula, Grootendorst 2022).

    Terms are those of `vectorizer` (e.g. `phrases.phrase_vectorizer`: noun phrases), else single words free of
    stop words and of `exclude_words` (a word always reads as a word; word pairs across a clause did not)."""
    if not groups:
        return []
    if vectorizer is not None:
        if not vectorizer.vocabulary:
            return [[] for _ in groups]
        counts = vectorizer.fit_transform(list(map(str, groups)))
    else:
        if not has_vocabulary(groups, exclude_words):
            return [[] for _ in groups]
        vectorizer = make_vectorizer(exclude_words, ngram_range=(1, 1))
        counts = vectorizer.fit_transform([preprocess(g) for g in groups])
    return ranked_terms(counts, vectorizer.get_feature_names_out(), top_n)


def class_tfidf(counts) -> np.ndarray:
    """Dense c-TF-IDF weights of a (group x term) count matrix, BERTopic's default `ClassTfidfTransformer`
    (Grootendorst 2022): each row's counts L1-normalised, times log(1 + A / f_t), with A the mean number of words
    per group (truncated to an integer, as BERTopic does) and f_t the term's count over all groups.

    Written out (a test checks it against BERTopic's transformer) because importing `bertopic` costs ~15 s per
    process: its package imports sentence-transformers and torch, and these stages need only this formula."""
    counts = sp.csr_matrix(counts, dtype=np.float64)
    df = np.asarray(counts.sum(axis=0)).ravel()
    average = int(np.asarray(counts.sum(axis=1)).mean())
    idf = np.log(average / df + 1)
    return (normalize(counts, axis=1, norm="l1") @ sp.diags(idf)).toarray()


def ranked_terms(counts, vocab: Sequence[str], top_n: int) -> list[list[str]]:
    """Top `top_n` terms per row of a (group x term) count matrix by c-TF-IDF, ties alphabetically."""
    vocab = np.asarray(vocab, dtype=object)
    seen = np.asarray(counts.sum(axis=0)).ravel() > 0  # a term no group holds has no idf
    if not seen.any():
        return [[] for _ in range(counts.shape[0])]
    counts, vocab = counts[:, seen], vocab[seen]
    weights = class_tfidf(counts)
    out: list[list[str]] = []
    for row in weights:
        order = np.lexsort((vocab.astype(str), -row))  # by weight, ties alphabetically: reproducible
        out.append([str(vocab[j]) for j in order[:top_n] if row[j] > 0])
    return out
