"""Stable document ids: the metadata doc_id when given, else derived from the relative path (+ record index)."""

from __future__ import annotations

import hashlib
import re

from pipelines.ingest.records import UNKNOWN


def slug(rel_path: str) -> str:
    """'Reports/NHS plan 2019.pdf' -> 'reports-nhs-plan-2019-pdf' (ids stay readable and ':'-free)."""
    s = re.sub(r"[^0-9a-z]+", "-", rel_path.lower()).strip("-")
    return s or "doc"


def base_id(rel_path: str, metadata_id: str | None) -> str:
    """The id of a file: its metadata doc_id, else the slug of its relative path."""
    if metadata_id and metadata_id != UNKNOWN:
        return metadata_id
    return slug(rel_path)


def record_id(base: str, record: int | None) -> str:
    """Exports get one id per record: '<file id>-r0001'; single-document files keep the file id."""
    return base if record is None else f"{base}-r{record + 1:04d}"


class IdRegistry:
    """Refuses to hand out the same id twice: a clash between two path slugs gets a path-hash suffix."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, doc_id: str, rel_path: str) -> str:
        if doc_id in self.taken:
            doc_id = f"{doc_id}-{hashlib.sha1(rel_path.encode('utf-8')).hexdigest()[:8]}"
        self.taken.add(doc_id)
        return doc_id
