"""DVC stage `mentions`: documents -> paragraphs, sentences and every concept mention (+ metrics).

Documents stream in batches through the parse store (`parses.py`), which this stage fills with every paragraph:
later stages read those parses, and a re-run parses only what changed.
"""

from __future__ import annotations

import logging
from typing import Iterator

import pandas as pd
import pyarrow.parquet as pq

from pipelines.config import Config
from pipelines.engine.runner import open_engine
from pipelines.engine.settings import EngineParams
from pipelines.io import write_json
from pipelines.mentions.index import DocumentRows, index_document
from pipelines.mentions.parse_cache import text_digest
from pipelines.mentions.parses import ParseStore
from pipelines.mentions.segment import paragraph_spans
from pipelines.mentions.settings import MentionsParams
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES, require
from pipelines.text.lexicon import lexicon_for

log = logging.getLogger(__name__)

DOCUMENT_COLUMNS = ["doc_id", "text", "content_hash", "genre", "year", "title"]


class DocumentsError(ValueError):
    """The documents table cannot be indexed (duplicate or missing ids, missing text)."""


def read_documents(paths: Paths, batch_size: int) -> Iterator[pd.DataFrame]:
    """The documents table (the columns this stage reads) in batches, each row checked."""
    path = TABLES["documents"].path(paths)
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; run `dvc repro` (or `python -m pipelines.ingest.stage`) first")
    table = pq.ParquetFile(path)
    require(pd.DataFrame(columns=table.schema_arrow.names), DOCUMENT_COLUMNS, str(path))  # schema only: no rows read
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
        yield pd.DataFrame(records, columns=DOCUMENT_COLUMNS)


_INTS = ("para_id", "sent_id", "start", "end", "sent_start")


def _frame(rows: list[dict], table: str) -> pd.DataFrame:
    """A catalogue table with stable dtypes, also when empty (offsets int64, is_target bool, the rest strings)."""
    columns = TABLES[table].columns
    df = pd.DataFrame(rows, columns=list(columns))
    types = {c: ("int64" if c in _INTS else "bool" if c == "is_target" else "object") for c in columns}
    return df.astype(types)


def _metrics(lexicon, n_docs: int, paragraphs: pd.DataFrame, sentences: pd.DataFrame, mentions: pd.DataFrame) -> dict:
    target = mentions[mentions["is_target"]]
    return {
        "documents": n_docs,
        "paragraphs": len(paragraphs),
        "sentences": len(sentences),
        "target": lexicon.target,
        "mentions_by_concept": {c: int((mentions["concept"] == c).sum()) for c in lexicon.concepts},
        "target_mentions_per_genre": {str(g): int(n) for g, n in target.groupby("genre").size().items()},
        "documents_with_target": int(target["doc_id"].nunique()),
    }


def _suspect(paragraphs: pd.DataFrame) -> str:
    """The batch's longest paragraph and its documents, for an error message (ingest bounds paragraph length:
    ingest.max_paragraph_chars)."""
    if paragraphs.empty:
        return "no paragraphs in the batch"
    lengths = paragraphs["end"] - paragraphs["start"]
    top = paragraphs.loc[lengths.idxmax()]
    ids = list(dict.fromkeys(paragraphs["doc_id"].astype(str)))
    return (f"longest paragraph: document {top['doc_id']!r} paragraph {int(top['para_id'])} "
            f"({int(lengths.max())} characters; re-run ingest so ingest.max_paragraph_chars applies); "
            f"documents in the batch: {', '.join(ids[:10])}{' ...' if len(ids) > 10 else ''}")


def index_partition(batch: pd.DataFrame, cfg: Config, paths: Paths) -> tuple[DocumentRows, dict[str, int]]:
    """Paragraph, sentence and mention rows of a partition of documents (checked rows of `read_documents`), its
    paragraphs parsed through the parse store (filled with what it lacked); with the documents parsed and found in
    the cache (counts of documents, parsed, from_cache). The unit of work of either engine (`pipelines.engine`): a Dask worker runs it on its partition."""
    params: MentionsParams = cfg.section("mentions", MentionsParams)
    lexicon = lexicon_for(cfg.lexicon)
    rows = DocumentRows()
    records = batch.to_dict("records")
    spans = [paragraph_spans(rec["text"], params.heading_max_chars) for rec in records]
    paragraphs = pd.DataFrame(
        [(rec["doc_id"], i, s, e) for rec, sp in zip(records, spans) for i, (s, e) in enumerate(sp)],
        columns=["doc_id", "para_id", "start", "end"],
    )
    with ParseStore.open(cfg, paths) as store:
        try:
            docs = store.paragraph_docs(batch, paragraphs)
        except Exception as exc:  # name the document, not just spaCy's error (e.g. E088 on a huge paragraph)
            raise RuntimeError(f"mentions: parsing failed ({type(exc).__name__}: {str(exc)[:300]}); "
                               f"{_suspect(paragraphs)}") from exc
        for rec, sp in zip(records, spans):
            para_docs = [docs[(rec["doc_id"], i)] for i in range(len(sp))]
            rows.add(index_document(rec, rec["text"], sp, para_docs, lexicon, params.context_chars,
                                    params.heading_max_chars))
        counts = {"documents": len(records), "parsed": store.documents_parsed, "from_cache": store.documents_cached}
    return rows, counts


def run(cfg: Config, paths: Paths) -> dict:
    """Index every document: write the paragraphs, sentences and mentions tables and metrics/mentions.json, and
    fill the parse store with every paragraph. Partitions of documents run on the `engine:` (here, or on Dask
    workers); rows come back in document order either way. Returns the metrics, plus `parses` (documents parsed /
    from cache, which is not written: it differs between runs)."""
    params: MentionsParams = cfg.section("mentions", MentionsParams)
    engine_params: EngineParams = cfg.section("engine", EngineParams)
    size = params.doc_batch_size if engine_params.kind == "local" else engine_params.partition_documents
    lexicon = lexicon_for(cfg.lexicon)
    rows = DocumentRows()
    n_docs = 0
    parses = {"parsed": 0, "from_cache": 0}
    with open_engine(cfg, paths) as engine:
        for part, counts in engine.map(index_partition, read_documents(paths, size), cfg, paths):
            rows.add(part)
            n_docs += counts["documents"]
            parses["parsed"] += counts["parsed"]
            parses["from_cache"] += counts["from_cache"]
    if rows.n_overlapping:
        log.warning("%d overlapping matches starting at the same offset were merged into the longer one",
                    rows.n_overlapping)
    if rows.n_crossing:
        log.warning("%d matches crossing a paragraph break were not indexed", rows.n_crossing)
    paragraphs = _frame(rows.paragraphs, "paragraphs")
    sentences = _frame(rows.sentences, "sentences")
    mentions = _frame(rows.mentions, "mentions")
    for name, df in (("paragraphs", paragraphs), ("sentences", sentences), ("mentions", mentions)):
        TABLES[name].write(df, paths)
    metrics = _metrics(lexicon, n_docs, paragraphs, sentences, mentions)
    write_json(metrics, paths.metric("mentions"))
    log.info("mentions: %d documents (%d parsed, %d from cache), %d mentions",
             n_docs, parses["parsed"], parses["from_cache"], len(mentions))
    return {**metrics, "parses": parses}


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
