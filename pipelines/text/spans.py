"""Bridging character offsets and spaCy tokens."""

from __future__ import annotations


def span_pos(doc, start: int, end: int, fallback: str) -> str:
    """Part of speech of a character span: that of its last token (the head of 'co - production')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return fallback
    pos = span[-1].pos_
    return pos if pos in {"NOUN", "VERB", "ADJ", "ADV", "PROPN"} else fallback


def doc_text(doc) -> str:
    """`doc.text`, computed once per Doc: spaCy rebuilds it from every token on each access, which makes
    per-sentence or per-mention loops quadratic in document length."""
    cached = doc.user_data.get("colens_text")
    if cached is None:
        cached = doc.user_data["colens_text"] = doc.text
    return cached


def sentence_noun_chunks(sent) -> list:
    """Noun chunks inside one sentence Span. `Span.noun_chunks` walks the whole Doc on every call, so the Doc's
    chunks are computed once and filtered here."""
    doc = sent.doc
    chunks = doc.user_data.get("colens_noun_chunks")
    if chunks is None:
        chunks = doc.user_data["colens_noun_chunks"] = list(doc.noun_chunks)
    return [c for c in chunks if c.start >= sent.start and c.end <= sent.end]


def sentence_bounds(doc, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the sentence holding the span [start, end) (the whole text when it has none): the one
    definition of "a mention inside its sentence", used by senses, levels, definitions and elasticity."""
    for sent in doc.sents:
        if sent.start_char <= start < sent.end_char:
            return sent.start_char, max(sent.end_char, end)
    return 0, len(doc_text(doc))


def trim_span(text: str, start: int, end: int, lead, opening: str, closing: str) -> tuple[int, int]:
    """[start, end) without a leading match of `lead` (a compiled "^..." pattern, e.g. determiners and "the term"),
    then without `opening` characters at the start and `closing` ones at the end; the lead is kept when it is all."""
    m = lead.match(text[start:end])  # on the slice: "^" never matches at a non-zero pos
    if m and start + m.end() < end:
        start += m.end()
    while start < end and text[start] in opening:
        start += 1
    while end > start and text[end - 1] in closing:
        end -= 1
    return start, end
