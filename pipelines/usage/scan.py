"""One pass over the corpus's paragraph parses: content-lemma counts per genre and corpus-wide (the reference for
collocates and keyness) and the collocation window of every mention.

Paragraphs are the unit, so windows never cross a paragraph. Their Docs come from the mentions stage's parse
store (parsed once, by content hash), fetched a chunk of documents at a time. Near-duplicate documents are left
out of the counts (they would count the same text twice) but still get windows.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pandas as pd

from pipelines.tables import require
from pipelines.usage.collocates import content_units, window_units

if TYPE_CHECKING:
    from pipelines.doc_results import DocResults

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
    paragraph_docs: ParagraphDocs, window: int, counts: CorpusScan | None = None, store: "DocResults | None" = None,
) -> CorpusScan:
    """Count content lemmas in every paragraph and cut the window of each mention in `mentions`.

    `node_spans` (doc_id, start, end) are all occurrences of the node, skipped inside windows. Given `counts`, an
    earlier scan of the same corpus (another node), its lemma counts are taken over and only the paragraphs
    holding `mentions` are read: the windows of a further node at the cost of its own paragraphs. Given `store`
    (a full scan only), each document's counts and windows are kept there and a document whose text, paragraphs,
    mentions and node spans are unchanged is not read again: the result is the same, in the same order."""
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
    if store is not None and counts is None:
        return _scan_with_store(out, documents, paras, doc_ids, paragraph_docs, genre_of, by_para, nodes_by_doc,
                                window, store)
    for row, doc in _parsed_paragraphs(documents, paras, doc_ids, paragraph_docs):
        _scan_paragraph(out, doc, row, genre_of, by_para, nodes_by_doc, window, count=counts is None)
    return out


def _parsed_paragraphs(documents: pd.DataFrame, paras: pd.DataFrame, doc_ids: list[str],
                       paragraph_docs: ParagraphDocs) -> Iterator[tuple[Any, Any]]:
    """(paragraph row, its Doc) for the paragraphs of `doc_ids`, their parses fetched DOC_CHUNK documents at a time."""
    for i in range(0, len(doc_ids), DOC_CHUNK):
        chunk = set(doc_ids[i : i + DOC_CHUNK])
        part = paras[paras["doc_id"].astype(str).isin(chunk)]
        parsed = paragraph_docs(documents[documents["doc_id"].astype(str).isin(chunk)], part)
        docs = {(str(d), int(p)): doc for (d, p), doc in parsed.items()}
        for row in part[["doc_id", "para_id", "start", "end"]].itertuples(index=False):
            yield row, docs[(str(row.doc_id), int(row.para_id))]


def _doc_keys(documents: pd.DataFrame, paras: pd.DataFrame, doc_ids: list[str], by_para, nodes_by_doc,
              window: int) -> dict[str, str]:
    """A key per document for the store: its content hash, its paragraphs, its mentions, the node's spans in it and
    the window size (everything a document's scan reads)."""
    content = dict(zip(documents["doc_id"].astype(str), documents["content_hash"].astype(str)))
    rows: dict[str, list] = defaultdict(list)
    for r in paras[["doc_id", "para_id", "start", "end"]].itertuples(index=False):
        d, p = str(r.doc_id), int(r.para_id)
        rows[d].append((p, int(r.start), int(r.end), sorted(by_para.get((d, p), []))))
    keys = {}
    for d in doc_ids:
        payload = json.dumps([content.get(d, ""), window, rows[d], sorted(nodes_by_doc.get(d, []))])
        keys[d] = hashlib.sha256(payload.encode()).hexdigest()
    return keys


def _scan_with_store(out: CorpusScan, documents, paras, doc_ids, paragraph_docs, genre_of, by_para, nodes_by_doc,
                     window: int, store: "DocResults") -> CorpusScan:
    """The full scan with each document's part read from `store` when stored, else computed and stored, then merged
    in document order (so counts and windows come out in the order of a scan without the store)."""
    keys = _doc_keys(documents, paras, doc_ids, by_para, nodes_by_doc, window)
    stored = store.get((d, keys[d]) for d in doc_ids)
    parts: dict[str, CorpusScan] = {d: _from_frame(stored[(d, keys[d])]) for d in doc_ids if (d, keys[d]) in stored}
    todo = [d for d in doc_ids if d not in parts]
    for row, doc in _parsed_paragraphs(documents, paras, todo, paragraph_docs):
        d = str(row.doc_id)
        # every document's own lemmas are kept, counted or not: the merge decides, as the scan would
        own = parts.setdefault(d, CorpusScan(counted_docs={d}))
        _scan_paragraph(own, doc, row, {d: "own"}, by_para, nodes_by_doc, window)
    store.put({(d, keys[d]): _to_frame(parts[d]) for d in todo})
    for d in doc_ids:
        part = parts[d]
        out.paragraphs += part.paragraphs
        if d in out.counted_docs:
            out.corpus.update(part.corpus)
            out.by_genre[genre_of.get(d, "unknown")].update(part.corpus)
        out.windows.update(part.windows)
        out.scoring_windows.update(part.scoring_windows)
    return out


def _to_frame(part: CorpusScan) -> pd.DataFrame:
    """One document's scan as rows (kind, key, value), lemmas in first-seen order."""
    rows = [("paragraphs", "", str(part.paragraphs))]
    rows += [("lemma", lemma, str(n)) for lemma, n in part.corpus.items()]
    rows += [("window", m, json.dumps(w)) for m, w in part.windows.items()]
    rows += [("scoring", m, json.dumps(w)) for m, w in part.scoring_windows.items()]
    return pd.DataFrame(rows, columns=["kind", "key", "value"])


def _from_frame(frame: pd.DataFrame) -> CorpusScan:
    part = CorpusScan()
    for kind, key, value in frame[["kind", "key", "value"]].itertuples(index=False):
        if kind == "paragraphs":
            part.paragraphs = int(value)
        elif kind == "lemma":
            part.corpus[key] = int(value)
        elif kind == "window":
            part.windows[key] = json.loads(value)
        else:
            part.scoring_windows[key] = json.loads(value)
    return part


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
