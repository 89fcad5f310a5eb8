"""RIS exports (rispy): one document per record. rispy silently drops a record it cannot parse (one without a
`TY` line, say), so the records are counted by their `ER` lines too and the difference is noted."""

from __future__ import annotations

import re

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers.bibliographic import collect, first, make_record
from pipelines.ingest.records import ReadFailure, ReadResult, SkipFile

_END = re.compile(r"^ER\s{1,2}-", re.MULTILINE)


def read_ris(data: bytes) -> ReadResult:
    import rispy

    text, note = decode_bytes(data)
    if not text.strip():
        raise SkipFile("empty file")
    try:
        entries = rispy.loads(text)
    except (OSError, ValueError, IndexError) as exc:
        raise ReadFailure(f"malformed RIS: {exc}") from exc
    notes = [note] if note else []
    n_ended = len(_END.findall(text))
    if n_ended > len(entries):
        notes.append(f"{n_ended - len(entries)} of {n_ended} RIS record(s) could not be parsed (malformed, e.g. "
                     "no 'TY  -' line) and were not kept")
    records = [
        make_record(
            i,
            abstract=first(e, "abstract", "notes_abstract"),
            title=first(e, "title", "primary_title", "translated_title"),
            year=first(e, "year", "publication_year", "date"),
            authors=first(e, "authors", "first_authors"),
            journal=first(e, "journal_name", "secondary_title", "alternate_title3", "alternate_title1", "alternate_title2"),
            doi=first(e, "doi"),
        )
        for i, e in enumerate(entries)
    ]
    return collect("ris", records, notes)
