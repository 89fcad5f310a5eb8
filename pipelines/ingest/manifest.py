"""The manifest: one row per input file with its status, reason, doc_ids, size and content hash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

COLUMNS = ("file", "format", "status", "reason", "doc_ids", "size_bytes", "content_hash")


@dataclass
class ManifestRow:
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


def write_manifest(rows: list[ManifestRow], path: Path) -> Path:
    """Write manifest.csv atomically (doc_ids joined with ';')."""
    df = pd.DataFrame([r.as_record() for r in rows], columns=list(COLUMNS))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        df.to_csv(tmp, index=False)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
