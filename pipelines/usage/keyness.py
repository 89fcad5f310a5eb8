"""Keyness of content lemmas between genres: signed log-likelihood (Rayson & Garside 2000) and log ratio
(Hardie 2014), each genre against the rest of the corpus or against every other genre."""

from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

import pandas as pd

KEYNESS_COLUMNS = ["genre_a", "genre_b", "lemma", "freq_a", "freq_b", "ll", "log_ratio"]
REST = "rest"


def log_likelihood(a: int, b: int, size_a: int, size_b: int) -> float:
    """Signed G2 for a word seen `a` times in corpus A and `b` in B: positive when relatively commoner in A."""
    total = size_a + size_b
    e1, e2 = size_a * (a + b) / total, size_b * (a + b) / total
    g2 = 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))
    return g2 if a / size_a >= b / size_b else -g2


def log_ratio(a: int, b: int, size_a: int, size_b: int) -> float:
    """Binary log of the ratio of relative frequencies; a zero count is taken as 0.5 (Hardie 2014)."""
    return math.log2(((a or 0.5) / size_a) / ((b or 0.5) / size_b))


def compare(counts_a: Counter, counts_b: Counter, min_freq: int) -> pd.DataFrame:
    """freq_a, freq_b, ll, log_ratio for every lemma with freq_a + freq_b >= min_freq (strongest first)."""
    size_a, size_b = sum(counts_a.values()), sum(counts_b.values())
    rows = []
    if size_a and size_b:
        for lemma in sorted(set(counts_a) | set(counts_b)):
            a, b = int(counts_a.get(lemma, 0)), int(counts_b.get(lemma, 0))
            if a + b >= min_freq:
                rows.append((lemma, a, b, log_likelihood(a, b, size_a, size_b), log_ratio(a, b, size_a, size_b)))
    df = pd.DataFrame(rows, columns=["lemma", "freq_a", "freq_b", "ll", "log_ratio"])
    return df.sort_values(["ll", "lemma"], ascending=[False, True], ignore_index=True)


def keyness(counts_by_genre: dict[str, Counter], min_freq: int, against: str = REST) -> pd.DataFrame:
    """Keyness rows (genre_a, genre_b, lemma, freq_a, freq_b, ll, log_ratio); genre_b is "rest" when each genre
    is compared with all others together, or the other genre ("pairwise", each unordered pair once)."""
    if against not in (REST, "pairwise"):
        raise ValueError(f"keyness 'against' must be 'rest' or 'pairwise', got {against!r}")
    genres = sorted(counts_by_genre)
    frames = []
    if against == REST:
        pairs = []
        for g in genres:
            rest = Counter()
            for other in genres:
                if other != g:
                    rest.update(counts_by_genre[other])
            pairs.append((g, REST, counts_by_genre[g], rest))
    else:
        pairs = [(a, b, counts_by_genre[a], counts_by_genre[b]) for a, b in combinations(genres, 2)]
    for a, b, ca, cb in pairs:
        df = compare(ca, cb, min_freq)
        df.insert(0, "genre_b", b)
        df.insert(0, "genre_a", a)
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    return pd.concat(frames, ignore_index=True)[KEYNESS_COLUMNS]
