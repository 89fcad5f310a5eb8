"""BibTeX exports: one document per entry (bibtexparser 2.x API, with the 1.x API as a fallback)."""

from __future__ import annotations

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers.bibliographic import collect, first, make_record
from pipelines.ingest.records import ReadFailure, ReadResult, SkipFile


def _entries(text: str) -> tuple[list[dict], list[str]]:
    """Entries as lower-cased field dicts, plus notes on blocks the parser could not read."""
    import bibtexparser

    if hasattr(bibtexparser, "parse_string"):  # 2.x
        library = bibtexparser.parse_string(text)
        notes = [f"{len(library.failed_blocks)} BibTeX block(s) could not be parsed"] if library.failed_blocks else []
        return [{k.lower(): v for k, v in e.fields_dict.items()} | {"_key": e.key}
                for e in library.entries], notes
    db = bibtexparser.loads(text)  # 1.x
    return [{k.lower(): v for k, v in e.items()} for e in db.entries], []


def _value(field):
    return getattr(field, "value", field)


def _authors(value) -> str | None:
    if value is None:
        return None
    return "; ".join(a.strip() for a in str(value).replace("\n", " ").split(" and ") if a.strip())


def read_bibtex(data: bytes) -> ReadResult:
    text, note = decode_bytes(data)
    if not text.strip():
        raise SkipFile("empty file")
    try:
        entries, notes = _entries(text)
    except Exception as exc:  # bibtexparser raises assorted exception types on malformed input
        raise ReadFailure(f"malformed BibTeX: {type(exc).__name__}: {exc}") from exc
    records = []
    for i, e in enumerate(entries):
        v = {k: _value(f) for k, f in e.items()}
        records.append(
            make_record(
                i,
                abstract=_strip_braces(first(v, "abstract")),
                title=_strip_braces(first(v, "title")),
                year=first(v, "year", "date"),
                authors=_authors(_strip_braces(first(v, "author"))),
                journal=_strip_braces(first(v, "journal", "journaltitle", "booktitle")),
                doi=first(v, "doi"),
            )
        )
    return collect("bibtex", records, ([note] if note else []) + notes)


def _strip_braces(value):
    return value.replace("{", "").replace("}", "") if isinstance(value, str) else value
