"""Plain text and Markdown: the decoded file is the document."""

from __future__ import annotations

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.records import RawRecord, ReadResult


def read_plain(data: bytes, fmt: str = "text") -> ReadResult:
    text, note = decode_bytes(data)
    return ReadResult(fmt, [RawRecord(text=text)], [note] if note else [])
