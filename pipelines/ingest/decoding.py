"""Bytes -> text for text-like files: a UTF-16/32 BOM decides first; then UTF-8 (with or without BOM); a file
that is not valid UTF-8 is decoded line by line (UTF-8 where a line is valid, else cp1252) with a note saying
how many lines needed cp1252; binary junk fails."""

from __future__ import annotations

import codecs

from pipelines.ingest.records import ReadFailure

_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
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


def _wide(data: bytes) -> tuple[str, str] | None:
    """(text, note) for a file that starts with a UTF-16 or UTF-32 byte-order mark, else None."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), f"decoded as {codec.upper()} (byte-order mark)"
            except UnicodeDecodeError as exc:
                raise ReadFailure(f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                                  f"({exc.reason} at byte {exc.start})") from exc
    return None


def _per_line(data: bytes, first_error: UnicodeDecodeError) -> tuple[str, str]:
    """Each line as UTF-8 when it is valid, else as cp1252: a file pasted together from several sources keeps
    its UTF-8 lines intact ("café" stays "café")."""
    lines = data.splitlines(keepends=True)
    out, n_cp1252, n_utf8_wide = [], 0, 0
    for line in lines:
        try:
            text = line.decode("utf-8")
            n_utf8_wide += any(b > 127 for b in line)
        except UnicodeDecodeError:
            try:
                text = line.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ReadFailure(
                    f"undecodable bytes: not UTF-8 ({first_error.reason} at byte {first_error.start}) "
                    f"nor cp1252 ({exc.reason} in line {len(out) + 1})"
                ) from exc
            n_cp1252 += 1
        out.append(text)
    if n_utf8_wide:
        note = (f"mixed encodings: {n_cp1252} of {len(lines)} line(s) decoded as cp1252, the others as UTF-8 "
                f"(first invalid UTF-8 at byte {first_error.start})")
    else:
        note = f"decoded as cp1252 (not valid UTF-8 at byte {first_error.start})"
    return "".join(out), note


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode text; returns (text, note) where note says when anything but plain UTF-8 was used."""
    wide = _wide(data)
    if wide is not None:
        return wide
    if looks_binary(data):
        raise ReadFailure("binary content (NUL or control bytes): not a text file")
    if data.startswith(_BOM):
        try:
            return data[len(_BOM):].decode("utf-8", errors="strict"), None
        except UnicodeDecodeError as exc:
            return _per_line(data[len(_BOM):], exc)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return _per_line(data, exc)
