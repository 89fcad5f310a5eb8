"""Bridging character offsets and spaCy tokens."""

from __future__ import annotations


def span_pos(doc, start: int, end: int, fallback: str) -> str:
    """Part of speech of a character span: that of its last token (the head of 'co - production')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return fallback
    pos = span[-1].pos_
    return pos if pos in {"NOUN", "VERB", "ADJ", "ADV", "PROPN"} else fallback
