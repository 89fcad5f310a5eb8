"""Shared helpers for bibliographic exports: one document per record, its abstract as the text."""

from __future__ import annotations

import re

from pipelines.ingest.records import UNKNOWN, RawRecord, ReadResult, SkipFile, clean_value, year_of

_NO_ABSTRACT = re.compile(r"\[?\s*no abstract available\.?\s*\]?", re.IGNORECASE)


def make_record(index: int, *, abstract, title, year, authors, journal, doi) -> RawRecord | None:
    """A record with an abstract becomes a document; without one it is counted, not kept."""
    text = clean_value(abstract)
    if text == UNKNOWN or _NO_ABSTRACT.fullmatch(text):
        return None
    doi_value = clean_value(doi)
    if doi_value != UNKNOWN:
        doi_value = doi_value.removeprefix("https://doi.org/").removeprefix("http://dx.doi.org/")
    return RawRecord(
        text=str(abstract).strip(),
        record=index,
        title=clean_value(title),
        year=year_of(year),
        authors=clean_value(authors),
        journal=clean_value(journal),
        doi=doi_value,
        origin="record",
    )


def collect(fmt: str, candidates: list[RawRecord | None], notes: list[str] | None = None) -> ReadResult:
    """Keep records with an abstract; note how many had none; no records at all means the file is skipped."""
    records = [r for r in candidates if r is not None]
    notes = list(notes or [])
    missing = len(candidates) - len(records)
    if not candidates:
        raise SkipFile(f"{fmt} export with no records")
    if missing:
        notes.append(f"{missing} of {len(candidates)} records have no abstract and were not kept")
    if not records:
        raise SkipFile(f"{fmt} export: none of {len(candidates)} records has an abstract")
    return ReadResult(fmt, records, notes)


def first(record: dict, *keys: str):
    """The first non-empty value among `keys` of a parsed record."""
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None
