"""Bounded work on untrusted files: open only regular files (never following a link, never blocking on a FIFO),
read at most a set number of bytes, and cut over-long documents and paragraphs with a note of what was cut."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from pipelines.ingest.records import ReadFailure, SkipFile

_SPACE = re.compile(r"\s")


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`; SkipFile when it is larger than `max_bytes` (ingest.max_file_bytes),
    ReadFailure when it is not a regular file once opened (replaced since the walk) or cannot be read.

    Opened with O_NONBLOCK (a FIFO swapped in since the walk cannot hang the run) and checked with fstat, so what
    is read is what was checked."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadFailure(f"cannot read file: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadFailure("refused: not a regular file once opened (never read)")
        if st.st_size > max_bytes:
            raise SkipFile(f"file of {st.st_size} bytes is larger than ingest.max_file_bytes ({max_bytes}); "
                           "not read")
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise ReadFailure(f"cannot read file: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew while being read
        raise SkipFile(f"file grew past ingest.max_file_bytes ({max_bytes}) while being read; not read")
    return data


def split_long_paragraphs(text: str, max_chars: int) -> tuple[str, int]:
    """`text` with every line longer than `max_chars` broken into lines of at most `max_chars`, at the last
    whitespace before the limit (that character becomes a line break, so offsets do not move); a run with no
    whitespace gets a line break inserted. Returns the text and how many lines were broken."""
    if len(text) <= max_chars or all(len(line) <= max_chars for line in text.split("\n")):
        return text, 0
    out, n_broken = [], 0
    for line in text.split("\n"):
        if len(line) <= max_chars:
            out.append(line)
            continue
        n_broken += 1
        pos = 0
        while len(line) - pos > max_chars:
            window = line[pos : pos + max_chars + 1]
            cut = max((m.start() for m in _SPACE.finditer(window, max_chars // 2)), default=-1)
            if cut > 0:
                out.append(line[pos : pos + cut])
                pos += cut + 1  # the whitespace character becomes the line break
            else:
                out.append(line[pos : pos + max_chars])
                pos += max_chars
        out.append(line[pos:])
    return "\n".join(out), n_broken


def bound_text(text: str, max_doc_chars: int, max_paragraph_chars: int) -> tuple[str, list[str]]:
    """The text cut to `max_doc_chars` and with over-long lines broken (see `split_long_paragraphs`), so later
    stages never parse an unbounded paragraph; notes say what was cut (ingest.max_document_chars /
    ingest.max_paragraph_chars)."""
    notes = []
    if len(text) > max_doc_chars:
        notes.append(f"truncated from {len(text)} to {max_doc_chars} characters (ingest.max_document_chars)")
        text = text[:max_doc_chars]
    text, n_broken = split_long_paragraphs(text, max_paragraph_chars)
    if n_broken:
        notes.append(f"{n_broken} paragraph(s) longer than {max_paragraph_chars} characters split into lines "
                     "(ingest.max_paragraph_chars)")
    return text, notes
