"""One pass over the corpus's paragraph parses: content-lemma counts per genre and corpus-wide (the reference for
collocates and keyness) and the collocation window of every mention.

Paragraphs are the unit, so windows never cross a paragraph. Their Docs come from the mentions stage's parse
store (parsed once, by content hash), fetched a chunk of documents at a time. Near-duplicate documents are left
out of the counts (they would count the same text twice) but still get windows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from pipelines.tables import require
from pipelines.usage.collocates import content_units, window_units

#: `ParseStore.paragraph_docs`: (documents, paragraphs) -> {(doc_id, para_id): Doc with paragraph-local offsets}.
ParagraphDocs = Callable[[pd.DataFrame, pd.DataFrame], dict]
#: Documents whose paragraph Docs are held in memory at once.
DOC_CHUNK = 200


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


def scan_corpus(
    documents: pd.DataFrame, paragraphs: pd.DataFrame, mentions: pd.DataFrame, node_spans: pd.DataFrame,
    paragraph_docs: ParagraphDocs, window: int, counts: CorpusScan | None = None,
) -> CorpusScan:
    """Count content lemmas in every paragraph and cut the window of each mention in `mentions`.

    `node_spans` (doc_id, start, end) are all occurrences of the node, skipped inside windows. Given `counts`, an
    earlier scan of the same corpus (another node), its lemma counts are taken over and only the paragraphs
    holding `mentions` are read: the windows of a further node at the cost of its own paragraphs."""
    require(documents, ["doc_id", "genre", "near_duplicate_of", "text", "content_hash"], "documents")
    require(paragraphs, ["doc_id", "para_id", "start", "end"], "paragraphs")
    require(mentions, ["mention_id", "doc_id", "para_id", "start", "end"], "mentions")
    dup = documents["near_duplicate_of"]
    genre_of = dict(zip(documents["doc_id"].astype(str), documents["genre"].fillna("unknown").astype(str)))
    counted = set(documents.loc[dup.isna() | (dup.astype(str).str.len() == 0), "doc_id"].astype(str))
    unknown_docs = sorted(set(mentions["doc_id"].astype(str)) - set(genre_of))
    if unknown_docs:
        raise KeyError(f"mentions refer to document(s) missing from the documents table: {', '.join(unknown_docs[:5])}")
    by_para: dict[tuple[str, int], list[tuple[str, int, int]]] = defaultdict(list)
    for m in mentions.itertuples(index=False):
        by_para[(str(m.doc_id), int(m.para_id))].append((str(m.mention_id), int(m.start), int(m.end)))
    nodes_by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in node_spans.itertuples(index=False):
        nodes_by_doc[str(s.doc_id)].append((int(s.start), int(s.end)))
    para_doc_ids = paragraphs["doc_id"].astype(str)
    if counts is None:
        paras = paragraphs[para_doc_ids.isin(counted | {k[0] for k in by_para})]
    else:
        keys = pd.MultiIndex.from_arrays([para_doc_ids, paragraphs["para_id"].astype(int)])
        paras = paragraphs[keys.isin(list(by_para))]
    found = set(zip(paras["doc_id"].astype(str), paras["para_id"].astype(int)))
    lost = [ids for key, ids in by_para.items() if key not in found]
    if lost:
        raise KeyError(f"mention {lost[0][0][0]}: its paragraph is not in the paragraphs table "
                       "(re-run the mentions stage)")
    out = CorpusScan(counted_docs=counted) if counts is None else CorpusScan(
        corpus=counts.corpus, by_genre=counts.by_genre, counted_docs=counts.counted_docs, paragraphs=counts.paragraphs)
    doc_ids = list(dict.fromkeys(paras["doc_id"].astype(str)))
    for i in range(0, len(doc_ids), DOC_CHUNK):
        chunk = set(doc_ids[i : i + DOC_CHUNK])
        part = paras[paras["doc_id"].astype(str).isin(chunk)]
        parsed = paragraph_docs(documents[documents["doc_id"].astype(str).isin(chunk)], part)
        docs = {(str(d), int(p)): doc for (d, p), doc in parsed.items()}
        for row in part[["doc_id", "para_id", "start", "end"]].itertuples(index=False):
            _scan_paragraph(out, docs[(str(row.doc_id), int(row.para_id))], row, genre_of,
                            by_para, nodes_by_doc, window, count=counts is None)
    return out


def _scan_paragraph(out: CorpusScan, doc, row, genre_of: dict[str, str], by_para, nodes_by_doc, window: int,
                    count: bool = True) -> None:
    """Count one paragraph's content lemmas (with `count`, unless its document is a near-duplicate) and cut its
    mentions' windows."""
    doc_id, p0, p1 = str(row.doc_id), int(row.start), int(row.end)
    units = content_units(doc)
    if count:
        out.paragraphs += 1
        if doc_id in out.counted_docs:
            lemmas = [u.lemma for u in units if u.content]
            out.corpus.update(lemmas)
            out.by_genre[genre_of.get(doc_id, "unknown")].update(lemmas)
    skip = [(s - p0, e - p0) for s, e in nodes_by_doc.get(doc_id, []) if s < p1 and e > p0]
    claimed: set[int] = set()
    for mention_id, start, end in sorted(by_para.get((doc_id, int(row.para_id)), []), key=lambda m: m[1]):
        if not (p0 <= start < end <= p1):
            raise ValueError(f"mention {mention_id}: offsets {start}..{end} lie outside its paragraph "
                             f"{row.para_id} ({p0}..{p1}) of document {doc_id}")
        win = window_units(units, start - p0, end - p0, window, skip)
        out.windows[mention_id] = [u.lemma for u in win]
        out.scoring_windows[mention_id] = [u.lemma for u in win if u.start not in claimed]
        claimed.update(u.start for u in win)
