"""Sentence windows for long paragraphs.

Scraped paragraphs are often far longer than the 1–4-sentence passages the narrative models were trained on; a
long paragraph scored as a whole drifts towards whatever its average sounds like. The scan therefore scores a
long paragraph by its sentence windows (every run of `min_sentences`..`max_sentences` consecutive sentences) and
keeps the best one, whose character offsets go into the evidence.

The splitter is a light regular expression (sentence-final punctuation, optional closing quote/bracket,
whitespace, then a capital, digit, bullet or opening quote); it never drops characters, so offsets index the
paragraph text.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9•])")
#: Abbreviations after which a full stop does not end a sentence.
_NO_BREAK = re.compile(r"(?:\b(?:e\.g|i\.e|et al|etc|cf|vs|Dr|Mr|Mrs|Ms|Prof|St|No|Fig|approx)\.)$", re.IGNORECASE)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences of `text`, whitespace trimmed; [] for blank text."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if _NO_BREAK.search(text[start : m.start()]):
            continue
        end = m.start() + len(m.group(0).rstrip())
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        s, e = s + lead, s + len(chunk.rstrip())
        if e > s:
            out.append((s, e))
    return out


def sentence_windows(text: str, min_sentences: int, max_sentences: int) -> list[tuple[int, int]]:
    """(start, end) offsets of every run of `min_sentences`..`max_sentences` consecutive sentences.

    A text with fewer sentences than `min_sentences` gives one window, the whole (trimmed) text.
    """
    if min_sentences < 1 or max_sentences < min_sentences:
        raise ValueError(
            f"sentence windows need 1 <= min_sentences <= max_sentences, got {min_sentences}..{max_sentences}"
        )
    spans = sentence_spans(text)
    if not spans:
        return []
    if len(spans) < min_sentences:
        return [(spans[0][0], spans[-1][1])]
    out = []
    for size in range(min_sentences, min(max_sentences, len(spans)) + 1):
        for i in range(len(spans) - size + 1):
            out.append((spans[i][0], spans[i + size - 1][1]))
    return out
