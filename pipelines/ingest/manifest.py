"""The manifest: one row per input file with its status, reason, doc_ids, size and content hash."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

import pandas as pd

from pipelines.tables import TABLES


@dataclass
class ManifestRow:
    """One input file: ok / skipped / failed, why, and the documents it gave."""

    file: str
    format: str
    status: str  # ok | skipped | failed
    reason: str = ""
    doc_ids: list[str] = field(default_factory=list)
    size_bytes: int = 0
    content_hash: str = ""

    def as_record(self) -> dict:
        row = asdict(self)
        row["doc_ids"] = ";".join(self.doc_ids)
        return row


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_frame(rows: list[ManifestRow]) -> pd.DataFrame:
    """The manifest table (doc_ids joined with ';'), in catalogue column order."""
    return pd.DataFrame([r.as_record() for r in rows], columns=list(TABLES["manifest"].columns))
