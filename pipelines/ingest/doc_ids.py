"""Stable document ids: the metadata doc_id when given, else derived from the relative path (+ record index)."""

from __future__ import annotations

import hashlib
import re

from pipelines.ingest.records import UNKNOWN

#: Characters a doc_id may not hold: ';' separates ids in the manifest's doc_ids column; control characters
#: and line breaks would break tables and logs.
_UNSAFE_ID = re.compile(r"[;\x00-\x1f\x7f]")


def slug(rel_path: str) -> str:
    """'Reports/NHS plan 2019.pdf' -> 'reports-nhs-plan-2019-pdf' (ids stay readable and ':'-free)."""
    s = re.sub(r"[^0-9a-z]+", "-", rel_path.lower()).strip("-")
    return s or "doc"


def safe_id(doc_id: str) -> str:
    """A metadata doc_id with ';' and control characters replaced by '-' (see `_UNSAFE_ID`)."""
    return _UNSAFE_ID.sub("-", doc_id).strip() or "doc"


def base_id(rel_path: str, metadata_id: str | None) -> str:
    """The id of a file: its metadata doc_id (made safe), else the slug of its relative path."""
    if metadata_id and metadata_id != UNKNOWN:
        return safe_id(metadata_id)
    return slug(rel_path)


def record_id(base: str, record: int | None) -> str:
    """Exports get one id per record: '<file id>-r0001'; single-document files keep the file id."""
    return base if record is None else f"{base}-r{record + 1:04d}"


def _suffixed(doc_id: str, rel_path: str) -> str:
    return f"{doc_id}-{hashlib.sha1(rel_path.encode('utf-8', 'backslashreplace')).hexdigest()[:8]}"


class IdRegistry:
    """Refuses to hand out the same id twice: a clash between two path slugs gets a path-hash suffix.

    `plan` sees every file first, so who keeps the bare id does not depend on the walk order: among files whose
    ids clash, a file whose path is all lower case keeps it (then the first by path); adding `A.txt` beside
    `a.txt` leaves `a.txt`'s id as it was."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.yields: set[str] = set()  # paths that give up their bare id to another file with the same one

    def plan(self, bases: dict[str, str]) -> None:
        """Decide, from every file's base id (path -> id), which files keep the bare id on a clash."""
        groups: dict[str, list[str]] = {}
        for rel, base in bases.items():
            groups.setdefault(base, []).append(rel)
        for rels in groups.values():
            if len(rels) > 1:
                keeper = min(rels, key=lambda r: (r != r.lower(), r))
                self.yields.update(r for r in rels if r != keeper)

    def claim(self, doc_id: str, rel_path: str) -> str:
        if rel_path in self.yields or doc_id in self.taken:
            doc_id = _suffixed(doc_id, rel_path)
        self.taken.add(doc_id)
        return doc_id
