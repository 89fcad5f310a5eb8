"""Collocates of the node within a window of content lemmas, scored by logDice, MI and log-likelihood.

Content units are spaCy tokens minus (spaCy's) stop words, punctuation, numbers and spaces; hyphenated compounds written
without spaces ("user-led", "service-users") are one unit, so domain compounds survive as collocates. Scores
follow Evert (2008) for window-based co-occurrence: the 2x2 table compares the node's windows (R1 tokens) with
the whole reference corpus (N tokens); logDice follows Rychly (2008).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from pipelines.text.spans import doc_text
from pipelines.text.stopwords import spacy_stop_words

STOP_WORDS = spacy_stop_words()

_HYPHENS = {"-", "\u2010", "\u2011"}
_TO_HYPHEN = str.maketrans({"\u2010": "-", "\u2011": "-"})
COLLOCATE_COLUMNS = ["lemma", "freq", "corpus_freq", "logdice", "mi", "ll"]


@dataclass(frozen=True)
class Unit:
    """One word (or hyphenated compound) of a Doc: character offsets, lower-case lemma, content or not."""

    start: int
    end: int
    lemma: str
    content: bool


def _lemma(tok) -> str:
    """Lower-case lemma with Unicode hyphens as "-" (so "co\u2010led" and "co-led" are one lemma)."""
    return tok.lemma_.lower().translate(_TO_HYPHEN)


def _is_content_token(tok) -> bool:
    """Not a (spaCy) stop word, punctuation, space or number, and holding a letter."""
    return not (tok.is_stop or tok.is_punct or tok.is_space or tok.like_num or tok.lemma_.lower() in STOP_WORDS
                or tok.lower_ in STOP_WORDS or not any(ch.isalpha() for ch in tok.text))


def _compound_lemma(parts: list) -> str:
    """'service-users' -> 'service-user' (the head noun's lemma); other compounds keep their written form."""
    head = parts[-1]
    last = _lemma(head) if head.pos_ in ("NOUN", "PROPN") else head.lower_
    return "-".join([p.lower_ for p in parts[:-1]] + [last]).translate(_TO_HYPHEN)


def content_units(doc) -> list[Unit]:
    """Every word of `doc` in order, hyphenated compounds merged; `content` marks the ones that count."""
    tokens = [t for t in doc if not t.is_space]
    units: list[Unit] = []
    i = 0
    while i < len(tokens):
        parts = [tokens[i]]
        j = i
        # t '-' t with no whitespace around the hyphen: one compound
        while (j + 2 < len(tokens) and tokens[j + 1].text in _HYPHENS and not tokens[j].whitespace_
               and not tokens[j + 1].whitespace_ and tokens[j + 2].is_alpha and tokens[j].is_alpha):
            parts.append(tokens[j + 2])
            j += 2
        if len(parts) == 1:
            tok = parts[0]
            units.append(Unit(tok.idx, tok.idx + len(tok.text), _lemma(tok), _is_content_token(tok)))
        else:
            content = any(_is_content_token(p) for p in parts)
            units.append(Unit(parts[0].idx, parts[-1].idx + len(parts[-1].text), _compound_lemma(parts), content))
        i = j + 1
    return units


def _overlaps(unit: Unit, spans: Iterable[tuple[int, int]]) -> bool:
    return any(unit.start < e and unit.end > s for s, e in spans)


def window_units(
    units: Sequence[Unit], start_char: int, end_char: int, window: int = 5,
    skip_spans: Iterable[tuple[int, int]] = (),
) -> list[Unit]:
    """Content units within `window` content units left and right of [start_char, end_char), in text order.

    Units overlapping the node or any of `skip_spans` (other occurrences of the node) are left out and not counted."""
    if window < 0:
        raise ValueError(f"window must be >= 0, got {window}")
    skip = [(start_char, end_char), *skip_spans]
    kept = [u for u in units if u.content and not _overlaps(u, skip)]
    left = [u for u in kept if u.end <= start_char]
    right = [u for u in kept if u.start >= end_char]
    return (left[-window:] if window else []) + right[:window]


def window_lemmas(doc, start_char: int, end_char: int, window: int = 5, *,
                  skip_spans: Iterable[tuple[int, int]] = ()) -> list[str]:
    """Content lemmas within ±`window` content tokens of the span doc.text[start_char:end_char] (node excluded)."""
    if not 0 <= start_char < end_char <= len(doc_text(doc)):
        raise ValueError(f"span {start_char}..{end_char} is outside the Doc (length {len(doc_text(doc))})")
    return [u.lemma for u in window_units(content_units(doc), start_char, end_char, window, skip_spans)]


def _xlogx_ratio(o: float, e: float) -> float:
    return o * math.log(o / e) if o > 0 else 0.0


def _g2(o11: float, o12: float, o21: float, o22: float) -> float:
    """Dunning's log-likelihood G2 of a 2x2 table, signed: negative when O11 is below its expectation."""
    n = o11 + o12 + o21 + o22
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    cells = [(o11, r1 * c1 / n), (o12, r1 * c2 / n), (o21, r2 * c1 / n), (o22, r2 * c2 / n)]
    g2 = 2 * sum(_xlogx_ratio(o, e) for o, e in cells if e > 0)
    return g2 if o11 >= r1 * c1 / n else -g2


def score_collocates(
    node_windows: list[list[str]], corpus_counts: Counter, corpus_size: int, min_freq: int
) -> pd.DataFrame:
    """Every lemma seen at least `min_freq` times in the node's windows, with its scores (best logDice first).

    freq = O11 (occurrences in windows); corpus_freq = C1; R1 = total window tokens; N = `corpus_size`.
    MI = log2(O11 / E11) with E11 = R1 * C1 / N; logDice = 14 + log2(2 * O11 / (f_node + C1)) where f_node is the
    number of windows (node occurrences); ll = signed G2 over the 2x2 table. A corpus token must sit in at most
    one window (overlapping windows of nearby mentions count a shared token once), so O11 <= C1."""
    in_windows = Counter(lemma for w in node_windows for lemma in w)
    r1 = sum(in_windows.values())
    f_node = len(node_windows)
    if r1 > corpus_size:
        raise ValueError(f"the windows hold {r1} tokens but corpus_size is {corpus_size}: counts from different corpora?")
    rows = []
    for lemma, o11 in sorted(in_windows.items()):
        if o11 < min_freq:
            continue
        c1 = int(corpus_counts.get(lemma, 0))
        if c1 < o11:
            raise ValueError(f"collocate {lemma!r} occurs {o11} times in windows but {c1} times in the corpus counts "
                             "(overlapping windows must count a shared token once; counts from another corpus?)")
        e11 = r1 * c1 / corpus_size
        rows.append({
            "lemma": lemma, "freq": int(o11), "corpus_freq": c1,
            "logdice": 14 + math.log2(2 * o11 / (f_node + c1)),
            "mi": math.log2(o11 / e11),
            "ll": _g2(o11, r1 - o11, c1 - o11, corpus_size - r1 - c1 + o11),
        })
    df = pd.DataFrame(rows, columns=COLLOCATE_COLUMNS)
    return df.sort_values(["logdice", "ll", "lemma"], ascending=[False, False, True], ignore_index=True)
