"""The context of a mention: its sentence, widened with neighbouring sentences while it is shorter than
`min_tokens` words. One rule for the mentions table (`build_contexts`) and for parsed passages
(`passage_context`), so embeddings of both are comparable.
"""

from __future__ import annotations

import re

import pandas as pd

from pipelines.tables import require
from pipelines.text.spans import doc_text

# A word: letters/digits, with inner hyphens or apostrophes ("co-production" and "user's" count once).
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

MENTION_COLUMNS = ("doc_id", "sent_id")
SENTENCE_COLUMNS = ("doc_id", "sent_id", "start", "text")


def count_tokens(text: str) -> int:
    """Number of words in `text` (the unit of `min_tokens`)."""
    return len(_WORD.findall(text))


def widen(sentences: list[str], first: int, last: int, min_tokens: int) -> str:
    """Join sentences[first..last], adding the previous then the next neighbour in turn until the context has
    at least `min_tokens` words or the text runs out. Whitespace is collapsed to single spaces."""
    if not 0 <= first <= last < len(sentences):
        raise IndexError(f"sentence range {first}..{last} outside 0..{len(sentences) - 1}")
    n = sum(count_tokens(s) for s in sentences[first : last + 1])
    take_previous = True
    while n < min_tokens and (first > 0 or last < len(sentences) - 1):
        if (take_previous and first > 0) or last == len(sentences) - 1:
            first -= 1
            n += count_tokens(sentences[first])
        else:
            last += 1
            n += count_tokens(sentences[last])
        take_previous = not take_previous
    return " ".join(" ".join(sentences[first : last + 1]).split())


def build_contexts(mentions: pd.DataFrame, sentences: pd.DataFrame, min_tokens: int) -> pd.Series:
    """Context text per mention row (aligned with `mentions.index`), from rows of the sentences table.

    A mention whose (doc_id, sent_id) has no sentence row is an error naming the mention."""
    require(mentions, MENTION_COLUMNS, "mentions")
    require(sentences, SENTENCE_COLUMNS, "sentences")
    if min_tokens < 0:
        raise ValueError(f"min_tokens must be >= 0, got {min_tokens}")
    per_doc: dict[str, tuple[list[str], dict[int, int]]] = {}
    wanted = set(mentions["doc_id"].astype(str))
    subset = sentences[sentences["doc_id"].astype(str).isin(wanted)]
    for doc_id, group in subset.sort_values(["doc_id", "start"]).groupby("doc_id", sort=False):
        texts = group["text"].astype(str).tolist()
        position = {int(s): i for i, s in enumerate(group["sent_id"])}
        per_doc[str(doc_id)] = (texts, position)
    out: list[str] = []
    for idx, row in mentions.iterrows():
        doc_id, sent_id = str(row["doc_id"]), int(row["sent_id"])
        texts, position = per_doc.get(doc_id, ([], {}))
        if sent_id not in position:
            name = row["mention_id"] if "mention_id" in mentions.columns else idx
            raise KeyError(
                f"mention {name}: sentence {sent_id} of document {doc_id!r} is not in the sentences table "
                "(mentions and sentences come from different runs; re-run the mentions stage)"
            )
        i = position[sent_id]
        out.append(widen(texts, i, i, min_tokens))
    return pd.Series(out, index=mentions.index, name="context", dtype=object)


def passage_context(doc, start: int, end: int, min_tokens: int) -> str:
    """Context of the span [start, end) in a parsed passage: the Doc's sentences overlapping the span, widened by
    the same rule as `build_contexts` (the Doc must have sentence boundaries: a parser or senter)."""
    text = doc_text(doc)
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}..{end} is outside the passage (length {len(text)})")
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        raise ValueError("the spaCy pipeline sets no sentence boundaries (needs a parser or senter)")
    spans = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    sentences = [text[a:b].strip() for a, b in spans]
    hit = [i for i, (a, b) in enumerate(spans) if a < end and b > start]
    if not hit:  # the span lies in whitespace between sentences: take the nearest one before it
        hit = [max([i for i, (a, _) in enumerate(spans) if a <= start] or [0])]
    return widen(sentences, hit[0], hit[-1], min_tokens)
