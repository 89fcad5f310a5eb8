"""One pass over the corpus with spaCy lemmas: content-lemma counts per genre and corpus-wide (the reference for
collocates and keyness) and the collocation window of every mention.

Paragraphs (mentions/paragraphs.parquet) are the parsing unit, so windows never cross a paragraph. Near-duplicate
documents are left out of the counts (they would count the same text twice) but still get windows.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

from pipelines.usage.collocates import content_units, window_units

log = logging.getLogger(__name__)

#: Components the lemmatizer needs; the parser and NER are skipped (faster).
LEMMA_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


@dataclass
class CorpusScan:
    """Counts of content lemmas and the window of each mention (by mention_id). `scoring_windows` are the same
    windows with a token shared by overlapping windows kept only in the first, so each token counts once."""

    corpus: Counter = field(default_factory=Counter)
    by_genre: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    windows: dict[str, list[str]] = field(default_factory=dict)
    scoring_windows: dict[str, list[str]] = field(default_factory=dict)
    counted_docs: set[str] = field(default_factory=set)
    paragraphs: int = 0


def _require(df: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"{what} table lacks column(s) {', '.join(missing)} (see docs/ARCHITECTURE.md)")


def scan_corpus(
    documents: pd.DataFrame, paragraphs: pd.DataFrame, mentions: pd.DataFrame, node_spans: pd.DataFrame,
    nlp, window: int, batch_size: int = 64,
) -> CorpusScan:
    """Parse every paragraph once; count content lemmas and cut the window of each mention in `mentions`.

    `node_spans` (doc_id, start, end) are all occurrences of the node, skipped inside windows."""
    _require(documents, ["doc_id", "genre"], "documents")
    _require(paragraphs, ["doc_id", "para_id", "start", "end", "text"], "paragraphs")
    _require(mentions, ["mention_id", "doc_id", "para_id", "start", "end"], "mentions")
    dup = documents["near_duplicate_of"] if "near_duplicate_of" in documents.columns else pd.Series(None, index=documents.index)
    genre_of = dict(zip(documents["doc_id"].astype(str), documents["genre"].fillna("unknown").astype(str)))
    counted = set(documents.loc[dup.isna() | (dup.astype(str).str.len() == 0), "doc_id"].astype(str))
    unknown_docs = sorted(set(mentions["doc_id"].astype(str)) - set(genre_of))
    if unknown_docs:
        raise KeyError(f"mentions refer to document(s) missing from documents.parquet: {', '.join(unknown_docs[:5])}")
    by_para: dict[tuple[str, int], list[tuple[str, int, int]]] = defaultdict(list)
    for m in mentions.itertuples(index=False):
        by_para[(str(m.doc_id), int(m.para_id))].append((str(m.mention_id), int(m.start), int(m.end)))
    nodes_by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in node_spans.itertuples(index=False):
        nodes_by_doc[str(s.doc_id)].append((int(s.start), int(s.end)))
    paras = paragraphs[paragraphs["doc_id"].astype(str).isin(counted | {k[0] for k in by_para})]
    found = set(zip(paras["doc_id"].astype(str), paras["para_id"].astype(int)))
    lost = [ids for key, ids in by_para.items() if key not in found]
    if lost:
        raise KeyError(f"mention {lost[0][0][0]}: its paragraph is not in paragraphs.parquet (re-run the mentions stage)")
    out = CorpusScan(counted_docs=counted)
    disable = [p for p in nlp.pipe_names if p not in LEMMA_PIPES]
    rows = list(paras[["doc_id", "para_id", "start", "end", "text"]].itertuples(index=False))
    docs = nlp.pipe((str(r.text) for r in rows), batch_size=batch_size, disable=disable)
    for row, doc in zip(rows, docs):
        doc_id, p0 = str(row.doc_id), int(row.start)
        units = content_units(doc)
        out.paragraphs += 1
        if doc_id in counted:
            lemmas = [u.lemma for u in units if u.content]
            out.corpus.update(lemmas)
            out.by_genre[genre_of.get(doc_id, "unknown")].update(lemmas)
        skip = [(s - p0, e - p0) for s, e in nodes_by_doc.get(doc_id, []) if s < int(row.end) and e > p0]
        claimed: set[int] = set()
        for mention_id, start, end in sorted(by_para.get((doc_id, int(row.para_id)), []), key=lambda m: m[1]):
            if not (p0 <= start < end <= int(row.end)):
                raise ValueError(f"mention {mention_id}: offsets {start}..{end} lie outside its paragraph "
                                 f"{row.para_id} ({p0}..{row.end}) of document {doc_id}")
            win = window_units(units, start - p0, end - p0, window, skip)
            out.windows[mention_id] = [u.lemma for u in win]
            out.scoring_windows[mention_id] = [u.lemma for u in win if u.start not in claimed]
            claimed.update(u.start for u in win)
    return out
