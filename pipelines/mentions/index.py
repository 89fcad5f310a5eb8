"""One document's rows for the three tables: paragraphs, sentences and concept mentions with context and POS."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipelines.mentions.segment import Span, containing, sentence_spans
from pipelines.text.lexicon import Lexicon, Match
from pipelines.text.spans import span_pos

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)


@dataclass
class DocumentRows:
    """Rows of the paragraphs, sentences and mentions tables, and counts of matches not indexed."""

    paragraphs: list[dict] = field(default_factory=list)
    sentences: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    n_overlapping: int = 0
    n_crossing: int = 0

    def add(self, other: "DocumentRows") -> None:
        self.paragraphs += other.paragraphs
        self.sentences += other.sentences
        self.mentions += other.mentions
        self.n_overlapping += other.n_overlapping
        self.n_crossing += other.n_crossing


def _distinct_starts(matches: list[Match]) -> tuple[list[Match], int]:
    """One match per start offset (mention_id is doc:start): the longest, which `Lexicon.find` lists first."""
    kept: list[Match] = []
    for m in matches:
        if kept and kept[-1].start == m.start:
            continue
        kept.append(m)
    return kept, len(matches) - len(kept)


def index_document(
    meta: dict, text: str, paragraphs: list[Span], para_docs: list[Doc], lexicon: Lexicon,
    context_chars: int, heading_max_chars: int,
) -> DocumentRows:
    """Rows for one document; `para_docs[i]` is the parse of `text[paragraphs[i]]`."""
    doc_id = meta["doc_id"]
    if [d.text for d in para_docs] != [text[s:e] for s, e in paragraphs]:
        raise ValueError(f"document {doc_id}: parsed paragraphs do not match its text (stale parse cache?)")
    matches, n_dropped = _distinct_starts(lexicon.find(text))
    rows = DocumentRows(n_overlapping=n_dropped)
    para_starts = [s for s, _ in paragraphs]
    by_para: dict[int, list[Match]] = {}
    for m in matches:
        try:
            by_para.setdefault(containing(paragraphs, para_starts, m.start, m.end), []).append(m)
        except ValueError:  # a multi-word form split by a blank line ("peer\n\nsupport") is no mention
            log.warning("document %s: %r at %d-%d crosses a paragraph break; not indexed",
                        doc_id, m.surface, m.start, m.end)
            rows.n_crossing += 1

    sentences: list[tuple[int, int, int]] = []  # (start, end, para_id)
    for para_id, ((p_start, p_end), pdoc) in enumerate(zip(paragraphs, para_docs)):
        rows.paragraphs.append(
            {"doc_id": doc_id, "para_id": para_id, "start": p_start, "end": p_end, "text": text[p_start:p_end]}
        )
        protected = [(m.start - p_start, m.end - p_start) for m in by_para.get(para_id, [])]
        for s, e in sentence_spans(pdoc, protected, heading_max_chars):
            sentences.append((p_start + s, p_start + e, para_id))
    for sent_id, (s, e, para_id) in enumerate(sentences):
        rows.sentences.append(
            {"doc_id": doc_id, "sent_id": sent_id, "para_id": para_id, "start": s, "end": e, "text": text[s:e]}
        )

    sent_spans = [(s, e) for s, e, _ in sentences]
    sent_starts = [s for s, _, _ in sentences]
    for para_id, para_matches in by_para.items():
        p_start = paragraphs[para_id][0]
        for m in para_matches:
            sent_id = containing(sent_spans, sent_starts, m.start, m.end)
            s_start, s_end, _ = sentences[sent_id]
            rows.mentions.append({
                "mention_id": f"{doc_id}:{m.start}", "doc_id": doc_id, "concept": m.concept,
                "is_target": m.concept == lexicon.target, "start": m.start, "end": m.end, "surface": m.surface,
                "lemma": m.lemma, "pos": span_pos(para_docs[para_id], m.start - p_start, m.end - p_start, m.pos),
                "sent_id": sent_id, "para_id": para_id, "sentence": text[s_start:s_end], "sent_start": s_start,
                "left": text[max(0, m.start - context_chars) : m.start], "right": text[m.end : m.end + context_chars],
                "genre": meta["genre"], "year": meta["year"], "title": meta["title"],
            })
    rows.mentions.sort(key=lambda r: r["start"])
    return rows
