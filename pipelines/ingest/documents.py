"""Turn one file's records into document rows: ids, metadata merge, cleaning, language, near-duplicates."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from pipelines.ingest.cleaning import Removal, clean_text
from pipelines.ingest.dedup import NearDuplicateIndex
from pipelines.ingest.doc_ids import IdRegistry, base_id, record_id
from pipelines.ingest.language import LanguageDetector
from pipelines.ingest.records import METADATA_FIELDS, UNKNOWN, RawRecord
from pipelines.ingest.settings import IngestSettings

_WORD = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")

# metadata.csv describes a file; for an export its per-record fields come from the records themselves.
_EXPORT_FIELDS_FROM_METADATA = ("genre", "source")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass
class DocumentBuilder:
    """Holds the per-run state (id registry, near-duplicate index, language detector) across files."""

    settings: IngestSettings
    seed: int
    ids: IdRegistry = field(default_factory=IdRegistry)

    def __post_init__(self) -> None:
        s = self.settings
        self.language = LanguageDetector(s.language_min_chars, self.seed)
        self.near_dups = NearDuplicateIndex(s.near_duplicate_threshold, s.shingle_words, s.minhash_permutations,
                                            self.seed)

    def _metadata(self, rec: RawRecord, meta: dict[str, str] | None, is_export: bool) -> dict[str, str]:
        values = {f: getattr(rec, f) for f in METADATA_FIELDS}
        for f in _EXPORT_FIELDS_FROM_METADATA if is_export else METADATA_FIELDS:
            if meta and meta.get(f, UNKNOWN) != UNKNOWN:
                values[f] = meta[f]
        return values

    def build(self, rel: str, fmt: str, records: list[RawRecord], meta: dict[str, str] | None
              ) -> tuple[list[dict], list[dict], list[str]]:
        """Document rows, removal rows, and notes (e.g. records left with no text after cleaning)."""
        docs, removals, notes = [], [], []
        base = base_id(rel, meta.get("doc_id") if meta else None)
        is_export = any(r.record is not None for r in records)
        for rec in records:
            cleaned = clean_text(rec.text, self.settings.repeated_block_min_chars,
                                 self.settings.repeated_line_min_chars)
            doc_id = self.ids.claim(record_id(base, rec.record), rel)
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
                "raw_text": rec.text,
                "content_hash": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),  # of text: what later stages read
                "n_chars": len(cleaned.text),
                "n_words": count_words(cleaned.text),
                "near_duplicate_of": self.near_dups.add(doc_id, cleaned.text),
            })
            removals.extend(_removal_row(doc_id, r) for r in cleaned.removals)
        return docs, removals, notes


def _removal_row(doc_id: str, r: Removal) -> dict:
    return {"doc_id": doc_id, "start": r.start, "end": r.end, "reason": r.reason, "text": r.text}
