"""RIS exports (rispy): one document per record."""

from __future__ import annotations

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers.bibliographic import collect, first, make_record
from pipelines.ingest.records import ReadFailure, ReadResult, SkipFile


def read_ris(data: bytes) -> ReadResult:
    import rispy

    text, note = decode_bytes(data)
    if not text.strip():
        raise SkipFile("empty file")
    try:
        entries = rispy.loads(text)
    except (OSError, ValueError, IndexError) as exc:
        raise ReadFailure(f"malformed RIS: {exc}") from exc
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
    return collect("ris", records, [note] if note else [])
