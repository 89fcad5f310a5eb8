"""Noun phrases as the vocabulary of topic labels, so labels read as phrases ("peer support workers"), never as
fragments across a clause ("grassroots hasn").

spaCy's noun chunks of each context, trimmed to content words (no determiners, pronouns, numbers, stop words or
the node's own spellings at either end), lower-cased, at most MAX_WORDS words ending in a noun; a phrase must
occur in `min_df` contexts. c-TF-IDF then ranks only these phrases (a CountVectorizer with this vocabulary).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from pipelines.usage.labels import STOP_WORDS

MAX_WORDS = 3
# one vocabulary token: letters with inner hyphens or apostrophes ("co-design", "people's" -> "people's")
PHRASE_TOKEN = r"(?u)\b[^\W\d_](?:[\w'’-]*[^\W\d_])?\b"
_TOKEN = re.compile(PHRASE_TOKEN)
_EDGE_POS = {"DET", "PRON", "NUM", "PUNCT", "SYM", "ADP", "CCONJ", "PART", "SPACE", "X", "AUX", "SCONJ", "INTJ"}


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def chunk_phrases(doc, exclude_words: Iterable[str] = ()) -> list[str]:
    """Trimmed noun-chunk phrases of one parsed context (in order, repeats kept). A token is excluded when its
    lower-case form or its letters alone ("co-production" -> "coproduction") is in `exclude_words`."""
    words = {w.lower() for w in exclude_words}
    excluded = _Excluded(words)
    out = []
    for chunk in doc.noun_chunks:
        toks = [t for t in chunk if not t.is_space]
        # cut at any token that is not a word (punctuation inside a chunk splits it)
        while toks and (toks[0].pos_ in _EDGE_POS or toks[0].lower_ in STOP_WORDS or toks[0].lower_ in excluded
                        or not _TOKEN.fullmatch(toks[0].lower_)):
            toks = toks[1:]
        while toks and (toks[-1].pos_ not in ("NOUN", "PROPN") or toks[-1].lower_ in STOP_WORDS
                        or toks[-1].lower_ in excluded or not _TOKEN.fullmatch(toks[-1].lower_)):
            toks = toks[:-1]
        if not toks or any(not _TOKEN.fullmatch(t.lower_) or t.lower_ in excluded for t in toks):
            continue
        toks = toks[-MAX_WORDS:]
        while toks and toks[0].lower_ in STOP_WORDS:
            toks = toks[1:]
        if toks:
            out.append(" ".join(t.lower_ for t in toks))
    return out


class _Excluded:
    """Membership by lower-case form or by letters alone."""

    def __init__(self, words: set[str]):
        self.words = words

    def __contains__(self, token: str) -> bool:
        return token in self.words or re.sub(r"[^a-z]", "", token) in self.words


def parse_phrases(nlp, texts: Sequence[str], exclude_words: Iterable[str] = (), cache_dir: Path | None = None
                  ) -> list[list[str]]:
    """Noun phrases of each text (parsed with `nlp` through `nlp.parse_texts`, NER off); with `cache_dir`, lists
    stored there for the same texts, pipeline and exclusions are reused and new ones stored (`phrase_cache`)."""
    from pipelines.nlp import parse_texts
    from pipelines.usage.phrase_cache import PhraseCache

    texts = list(map(str, texts))
    exclude = set(exclude_words)
    disable = [p for p in ("ner",) if p in nlp.pipe_names]

    def parse(todo: list[str]) -> list[list[str]]:
        return [chunk_phrases(doc, exclude) for doc in parse_texts(nlp, todo, disable=disable, batch_size=256)]

    if cache_dir is None:
        return parse(texts)
    with PhraseCache.open(cache_dir, nlp, exclude) as cache:
        known = cache.get(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in known))
        fresh = dict(zip(todo, parse(todo)))
        cache.put(fresh)
    return [known[t] if t in known else fresh[t] for t in texts]


def vocabulary(phrase_lists: Sequence[Sequence[str]], min_df: int = 2) -> list[str]:
    """Sorted phrases found in at least `min_df` of the texts."""
    df: Counter[str] = Counter()
    for phrases in phrase_lists:
        df.update(set(phrases))
    return sorted(p for p, c in df.items() if c >= min_df)


def phrase_vocabulary(nlp, texts: Sequence[str], exclude_words: Iterable[str] = (), min_df: int = 2) -> list[str]:
    """Sorted noun phrases found in at least `min_df` of `texts`."""
    return vocabulary(parse_phrases(nlp, texts, exclude_words), min_df)


def phrase_counts(phrase_lists: Sequence[Sequence[str]], groups: Sequence[int], vocab: Sequence[str]):
    """Sparse (group x phrase) counts of the noun-chunk occurrences (not every string match: "use" the verb is
    no count of "use" the noun); `groups[i]` is the row of text i."""
    from scipy.sparse import csr_matrix

    col = {p: j for j, p in enumerate(vocab)}
    rows, cols = [], []
    for g, phrases in zip(groups, phrase_lists):
        for p in phrases:
            if p in col:
                rows.append(g)
                cols.append(col[p])
    n_groups = (max(groups) + 1) if len(groups) else 0
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_groups, len(vocab)))


def phrase_vectorizer(vocabulary: Sequence[str]) -> CountVectorizer:
    """Counts of the vocabulary's phrases (1..MAX_WORDS words) in any text."""
    return CountVectorizer(vocabulary=list(vocabulary), ngram_range=(1, MAX_WORDS), token_pattern=PHRASE_TOKEN,
                           lowercase=True)


def _stem(phrase: str) -> str:
    """A phrase with a plural -s cut from each word: "services" and "service" are one label term."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in phrase.split())


def _inside(short: str, long: str) -> bool:
    return f" {_stem(short)} " in f" {_stem(long)} "


def distinct_phrases(ranked: Sequence[str], n: int) -> list[str]:
    """`n` distinct phrases from `ranked` (best first): a phrase that contains taken ones replaces them (more
    specific: "mental health" for "health"), one contained in a taken phrase or equal to it but for a plural -s
    is skipped."""
    taken: list[str] = []
    for p in ranked:
        if any(_inside(p, q) for q in taken):
            continue
        inner = [i for i, q in enumerate(taken) if _inside(q, p)]
        if inner:
            taken[inner[0]] = p
            taken = [q for i, q in enumerate(taken) if i not in inner[1:]]
        elif len(taken) < n:
            taken.append(p)
    return taken[:n]
