"""DVC stage `mentions`: documents -> paragraphs, sentences and every concept mention (+ metrics).

Documents stream in batches through spaCy; parses are cached by content_hash, so a re-run parses only what changed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow.parquet as pq

from pipelines.config import Config
from pipelines.io import write_json, write_table
from pipelines.mentions.index import (
    MENTION_COLUMNS, PARAGRAPH_COLUMNS, SENTENCE_COLUMNS, DocumentRows, index_document,
)
from pipelines.mentions.parse import DocumentParser, ParseRequest
from pipelines.mentions.parse_cache import ParseCache, text_digest
from pipelines.mentions.segment import paragraph_spans
from pipelines.mentions.settings import MentionsParams
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.text.lexicon import lexicon_for

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ["doc_id", "text", "content_hash", "genre", "year", "title"]
CACHE_FILE = "spacy_parses.sqlite"


class DocumentsError(ValueError):
    """The documents table cannot be indexed (missing columns, duplicate ids, missing text)."""


@dataclass
class MentionsReport:
    documents: int
    parsed: int
    cached: int
    metrics: dict


def read_documents(path: Path, batch_size: int) -> Iterator[list[dict]]:
    """The documents table in batches of dicts, validating the columns this stage needs."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; run `dvc repro` (or `python -m pipelines ingest`) first")
    table = pq.ParquetFile(path)
    missing = [c for c in DOCUMENT_COLUMNS if c not in table.schema_arrow.names]
    if missing:
        raise DocumentsError(f"{path}: missing column(s) {', '.join(missing)}")
    seen: set[str] = set()
    row_no = 0
    for batch in table.iter_batches(batch_size=batch_size, columns=DOCUMENT_COLUMNS):
        records = batch.to_pylist()
        for rec in records:
            row_no += 1
            doc_id = rec["doc_id"]
            if doc_id is None or doc_id in seen:
                problem = "has no doc_id" if doc_id is None else f"repeats doc_id {doc_id!r}"
                raise DocumentsError(f"{path}: row {row_no} {problem}")
            if not isinstance(rec["text"], str):
                raise DocumentsError(f"{path}: row {row_no} (doc_id {doc_id!r}) has no text")
            seen.add(doc_id)
            rec["content_hash"] = rec["content_hash"] or text_digest(rec["text"])
            for key in ("genre", "year", "title"):
                rec[key] = "unknown" if rec[key] is None else str(rec[key])
        yield records


_INTS = ("para_id", "sent_id", "start", "end", "sent_start")


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A table with stable dtypes, also when empty (offsets int64, is_target bool, the rest strings)."""
    df = pd.DataFrame(rows, columns=columns)
    types = {c: ("int64" if c in _INTS else "bool" if c == "is_target" else "object") for c in columns}
    return df.astype(types)


def _metrics(lexicon, n_docs: int, paragraphs: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame) -> dict:
    target = mentions[mentions["is_target"]]
    return {
        "documents": n_docs,
        "paragraphs": len(paragraphs),
        "sentences": len(sentences),
        "target": lexicon.target,
        "mentions": {c: int((mentions["concept"] == c).sum()) for c in lexicon.concepts},
        "target_mentions_per_genre": {str(g): int(n) for g, n in target.groupby("genre").size().items()},
        "documents_with_target": int(target["doc_id"].nunique()),
    }


def run(cfg: Config, paths: Paths) -> MentionsReport:
    """Index every document of `paths.documents`; write the three tables and metrics/mentions.json."""
    params: MentionsParams = cfg.section("mentions", MentionsParams)
    lexicon = lexicon_for(cfg.lexicon)
    nlp = load_spacy(cfg.models.spacy)
    cache = ParseCache(paths.cache / CACHE_FILE, DocumentParser.signature(nlp), nlp.vocab)
    parser = DocumentParser(nlp, cache, params.parse_batch_size, params.n_process)
    rows = DocumentRows()
    n_docs = 0
    try:
        for batch in read_documents(paths.documents, params.doc_batch_size):
            spans = [paragraph_spans(rec["text"], params.heading_max_chars) for rec in batch]
            docs = parser.parse(
                [ParseRequest(rec["content_hash"], rec["text"], sp) for rec, sp in zip(batch, spans)]
            )
            for rec, sp in zip(batch, spans):
                one = index_document(
                    rec, rec["text"], sp, docs[rec["content_hash"]], lexicon,
                    params.context_chars, params.heading_max_chars,
                )
                rows.paragraphs += one.paragraphs
                rows.sentences += one.sentences
                rows.mentions += one.mentions
                rows.n_overlapping += one.n_overlapping
                rows.n_crossing += one.n_crossing
            n_docs += len(batch)
    finally:
        cache.close()
    if rows.n_overlapping:
        log.warning("%d overlapping matches starting at the same offset were merged into the longer one",
                    rows.n_overlapping)
    if rows.n_crossing:
        log.warning("%d matches crossing a paragraph break were not indexed", rows.n_crossing)
    paragraphs = _frame(rows.paragraphs, PARAGRAPH_COLUMNS)
    sentences = _frame(rows.sentences, SENTENCE_COLUMNS)
    mentions = _frame(rows.mentions, MENTION_COLUMNS)
    write_table(paragraphs, paths.paragraphs)
    write_table(sentences, paths.sentences)
    write_table(mentions, paths.mentions)
    metrics = _metrics(lexicon, n_docs, paragraphs, sentences, mentions)
    write_json(metrics, paths.metric("mentions"))
    log.info("mentions: %d documents (%d parsed, %d from cache), %d mentions",
             n_docs, parser.n_parsed, parser.n_cached, len(mentions))
    return MentionsReport(n_docs, parser.n_parsed, parser.n_cached, metrics)


def main(config: Config | str | Path | None = None, paths: Paths | None = None) -> MentionsReport:
    """Entry point for `dvc repro`; tests pass a Config (or params path) and temporary Paths."""
    cfg = config if isinstance(config, Config) else Config.load(config)
    return run(cfg, paths or Paths.from_config(cfg))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    main()
