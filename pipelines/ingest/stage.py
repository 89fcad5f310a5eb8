"""DVC stage `ingest` (`python -m pipelines.ingest.stage`; `colens ingest` runs the same `run_ingest`): read the
corpus folder, clean every document, write the documents, removals and manifest tables and metrics/ingest.json."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.config import Config
from pipelines.ingest.bounds import read_regular_file
from pipelines.ingest.corpus import sorted_corpus
from pipelines.ingest.doc_ids import base_id
from pipelines.ingest.documents import DocumentBuilder
from pipelines.ingest.manifest import ManifestRow, manifest_frame, sha256
from pipelines.ingest.metadata import load_metadata
from pipelines.ingest.progress import Progress
from pipelines.ingest.provenance import SOURCE_COLUMNS
from pipelines.ingest.readers import read_file
from pipelines.ingest.records import IngestError, ReadFailure, SkipFile
from pipelines.ingest.settings import IngestSettings
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What a run did: the manifest, counts for metrics, and messages for the command line."""

    manifest: list[ManifestRow] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[ManifestRow]:
        return [r for r in self.manifest if r.status == "failed"]


def _fmt(entry) -> str:
    return entry.path.suffix.lower().lstrip(".") or "none"


def _ingest_file(entry, builder: DocumentBuilder, metadata, metadata_path: Path, settings: IngestSettings):
    """One manifest row plus the file's document and removal rows; never raises for a bad file."""
    if entry.hidden_dir:
        return ManifestRow(entry.rel, "folder", "skipped", "hidden folder: not searched"), [], []
    if entry.refused:
        return ManifestRow(entry.rel, _fmt(entry), "skipped", entry.refused), [], []
    try:
        data = read_regular_file(entry.path, settings.max_file_bytes)
    except SkipFile as exc:
        return ManifestRow(entry.rel, _fmt(entry), "skipped", str(exc), size_bytes=_size(entry.path)), [], []
    except ReadFailure as exc:
        return ManifestRow(entry.rel, _fmt(entry), "failed", str(exc)), [], []
    row = ManifestRow(entry.rel, _fmt(entry), "ok", size_bytes=len(data), content_hash=sha256(data))
    if entry.path == metadata_path:
        row.status, row.reason, row.format = "skipped", "metadata file", "metadata"
        return row, [], []
    if entry.path.name.startswith("."):
        row.status, row.reason = "skipped", "hidden file"
        return row, [], []
    try:
        result = read_file(entry.path.suffix, data, settings.max_docx_unpacked_bytes, settings.max_docx_xml_bytes)
    except SkipFile as exc:
        row.status, row.reason = "skipped", str(exc)
        return row, [], []
    except ReadFailure as exc:
        row.status, row.reason = "failed", str(exc)
        return row, [], []
    except MemoryError:
        row.status, row.reason = "failed", "out of memory while reading the file"
        return row, [], []
    except Exception as exc:  # a reader bug or an exotic file must not stop the run: it is reported instead
        log.exception("unexpected error reading %s", entry.rel)
        row.status, row.reason = "failed", f"unexpected error: {type(exc).__name__}: {exc}"
        return row, [], []
    del data
    row.format = result.format
    docs, removals, notes = builder.build(entry.rel, result.format, result.records, metadata.lookup(entry.rel))
    row.doc_ids = [d["doc_id"] for d in docs]
    row.reason = "; ".join(result.notes + notes)
    if not docs:
        row.status = "skipped"
    return row, docs, removals


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _metrics(summary: IngestSummary, docs: pd.DataFrame, removals: pd.DataFrame, unmatched: list[str]) -> dict:
    status = Counter(r.status for r in summary.manifest)
    return {
        "files": {s: status.get(s, 0) for s in ("ok", "skipped", "failed")},
        "files_total": len(summary.manifest),
        "formats": dict(Counter(r.format for r in summary.manifest if r.status == "ok")),
        "documents": len(docs),
        "words": int(docs["n_words"].sum()) if len(docs) else 0,
        "chars_raw": int(docs["raw_text"].str.len().sum()) if len(docs) else 0,
        "chars_kept": int(docs["n_chars"].sum()) if len(docs) else 0,
        "removed_chars_by_reason": {k: int(v) for k, v in
                                    (removals["end"] - removals["start"]).groupby(removals["reason"]).sum().items()},
        "removals_by_reason": {k: int(v) for k, v in removals["reason"].value_counts().sort_index().items()},
        "metadata_sources": {c: {k: int(v) for k, v in docs[c].value_counts().sort_index().items()}
                             for c in SOURCE_COLUMNS} if len(docs) else {},
        "near_duplicates": int(docs["near_duplicate_of"].notna().sum()) if len(docs) else 0,
        "languages": {k: int(v) for k, v in docs["language"].value_counts().sort_index().items()} if len(docs) else {},
        "metadata_rows_unmatched": len(unmatched),
    }


def run_ingest(cfg: Config, paths: Paths) -> IngestSummary:
    """Ingest `paths.corpus`: write the documents, removals and manifest tables and metrics/ingest.json."""
    settings = cfg.section("ingest", IngestSettings)
    if not paths.corpus.is_dir():
        raise IngestError(f"{paths.corpus}: corpus folder not found")
    metadata = load_metadata(paths.metadata)
    builder = DocumentBuilder(settings, cfg.seed)
    summary = IngestSummary()
    doc_rows: list[dict] = []
    removal_rows: list[dict] = []
    entries = sorted_corpus(paths.corpus)
    builder.ids.plan({e.rel: base_id(e.rel, (metadata.lookup(e.rel) or {}).get("doc_id"))
                      for e in entries if not (e.hidden_dir or e.refused)})
    progress = builder.progress = Progress(len(entries), settings.progress_every)
    for entry in entries:
        row, docs, removals = _ingest_file(entry, builder, metadata, paths.metadata, settings)
        summary.manifest.append(row)
        doc_rows.extend(docs)
        removal_rows.extend(removals)
        log.debug("%s: %s %s", entry.rel, row.status, row.reason)
        progress.file()
    progress.done()
    unmatched = metadata.unmatched()
    for file in unmatched:
        summary.warnings.append(f"{paths.metadata}: row for '{file}' names no file in {paths.corpus}")
    for w in summary.warnings:
        log.warning(w)
    docs_df = pd.DataFrame(doc_rows, columns=list(TABLES["documents"].columns))
    docs_df["record"] = docs_df["record"].astype("Int64")
    docs_df["near_duplicate_of"] = docs_df["near_duplicate_of"].astype("string")
    removals_df = pd.DataFrame(removal_rows, columns=list(TABLES["removals"].columns))
    removals_df[["start", "end"]] = removals_df[["start", "end"]].astype("int64")
    out = TABLES["documents"].write(docs_df, paths)
    TABLES["removals"].write(removals_df, paths)
    TABLES["manifest"].write(manifest_frame(summary.manifest), paths)
    summary.metrics = _metrics(summary, docs_df, removals_df, unmatched)
    summary.metrics["metadata_unmatched_files"] = unmatched
    write_json(summary.metrics, paths.metric("ingest"))
    log.info("ingested %d documents into %s", len(docs_df), out.parent)
    return summary


def run(cfg: Config, paths: Paths) -> dict:
    """The DVC stage: `run_ingest`, with every file that failed logged; returns the metrics it wrote."""
    summary = run_ingest(cfg, paths)
    for row in summary.failures:
        log.warning("failed: %s: %s", row.file, row.reason)
    return summary.metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
