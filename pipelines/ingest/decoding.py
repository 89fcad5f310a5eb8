"""Bytes -> text for text-like files: UTF-8 (with or without BOM), then cp1252 with a note; binary junk fails."""

from __future__ import annotations

from pipelines.ingest.records import ReadFailure

_BOM = b"\xef\xbb\xbf"
# Control characters other than tab, newline, carriage return and form feed mark binary content.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """NUL bytes or many control characters in the first kilobytes: not a text file."""
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    n_control = sum(head.count(bytes([c])) for c in _CONTROL)
    return n_control / len(head) > 0.05


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode text; returns (text, note) where note says when a fallback encoding was used."""
    if looks_binary(data):
        raise ReadFailure("binary content (NUL or control bytes): not a text file")
    if data.startswith(_BOM):
        return data[len(_BOM):].decode("utf-8", errors="strict"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReadFailure(
            f"undecodable bytes: not UTF-8 ({first_error.reason} at byte {first_error.start}) "
            f"nor cp1252 ({exc.reason} at byte {exc.start})"
        ) from exc
    return text, f"decoded as cp1252 (not valid UTF-8 at byte {first_error.start})"
