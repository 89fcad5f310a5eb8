"""Turn one file's records into document rows: ids, metadata merge, cleaning, language, near-duplicates."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from pipelines.ingest.bounds import bound_text
from pipelines.ingest.cleaning import Removal, clean_text
from pipelines.ingest.dedup import NearDuplicateIndex
from pipelines.ingest.doc_ids import IdRegistry, base_id, record_id
from pipelines.ingest.language import LanguageDetector
from pipelines.ingest.provenance import document_metadata
from pipelines.ingest.records import RawRecord
from pipelines.ingest.settings import IngestSettings

_WORD = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass
class DocumentBuilder:
    """Holds the per-run state (id registry, near-duplicate index, language detector) across files."""

    settings: IngestSettings
    seed: int
    ids: IdRegistry = field(default_factory=IdRegistry)
    progress: object = None  # anything with a `document()` method, told of each document built

    def __post_init__(self) -> None:
        s = self.settings
        self.language = LanguageDetector(s.language_min_chars, self.seed)
        self.near_dups = NearDuplicateIndex(s.near_duplicate_threshold, s.shingle_words, s.minhash_permutations,
                                            self.seed)

    def _metadata(self, rec: RawRecord, meta: dict[str, str] | None, is_export: bool) -> dict[str, str]:
        return document_metadata(rec, meta, is_export, self.settings.embedded_metadata)

    def build(self, rel: str, fmt: str, records: list[RawRecord], meta: dict[str, str] | None
              ) -> tuple[list[dict], list[dict], list[str]]:
        """Document rows, removal rows, and notes (e.g. records left with no text after cleaning)."""
        docs, removals, notes = [], [], []
        base = base_id(rel, meta.get("doc_id") if meta else None)
        is_export = any(r.record is not None for r in records)
        for rec in records:
            doc_id = self.ids.claim(record_id(base, rec.record), rel)
            text, cut = bound_text(rec.text, self.settings.max_document_chars, self.settings.max_paragraph_chars)
            notes.extend(f"{doc_id}: {note}" for note in cut)
            s = self.settings
            cleaned = clean_text(text, s.repeated_block_min_chars, s.repeated_line_min_chars,
                                 [p for p in rec.page_starts if p < len(text)], s.running_line_min_pages,
                                 s.running_line_min_share)
            if len(cleaned.text.strip()) < self.settings.min_chars:
                notes.append(f"{doc_id}: no text left after removing page chrome; not kept")
                continue
            values = self._metadata(rec, meta, is_export)
            docs.append({
                "doc_id": doc_id,
                "source_file": rel,
                "record": rec.record,
                "format": fmt,
                **values,
                "language": self.language.detect(cleaned.text),
                "text": cleaned.text,
                "raw_text": text,  # as read, after the bounds (what the removals' offsets refer to)
                "content_hash": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),  # of text: what later stages read
                "n_chars": len(cleaned.text),
                "n_words": count_words(cleaned.text),
                "near_duplicate_of": self.near_dups.add(doc_id, cleaned.text),
            })
            removals.extend(_removal_row(doc_id, r) for r in cleaned.removals)
            if self.progress is not None:
                self.progress.document()
        return docs, removals, notes


def _removal_row(doc_id: str, r: Removal) -> dict:
    return {"doc_id": doc_id, "start": r.start, "end": r.end, "reason": r.reason, "text": r.text}
