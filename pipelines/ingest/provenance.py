"""Choose each document's title, authors and year, and say where each came from — never a guess.

Order: metadata.csv (for a one-document file), then the record's own fields (a bibliographic export), then the
file's embedded metadata (HTML meta tags, DOCX core properties, PDF info) only for the fields named in
`ingest.embedded_metadata`; otherwise `unknown` with source `none`.
"""

from __future__ import annotations

from pipelines.ingest.records import METADATA_FIELDS, UNKNOWN, RawRecord

# fields whose origin is recorded (and which embedded metadata may supply), with their `<field>_source` column
SOURCED_FIELDS = ("title", "authors", "year")
SOURCE_COLUMNS = tuple(f"{f}_source" for f in SOURCED_FIELDS)
METADATA_CSV = "metadata_csv"
RECORD = "record"
NONE = "none"
EMBEDDED_ORIGINS = ("html_meta", "docx_properties", "pdf_info")

# metadata.csv describes a file; for an export its per-record fields come from the records themselves.
_EXPORT_FIELDS_FROM_METADATA = ("genre", "source")


def _given(value: str | None) -> bool:
    return value is not None and value != UNKNOWN


def document_metadata(rec: RawRecord, meta: dict[str, str] | None, is_export: bool,
                      embedded_fields: tuple[str, ...] | list[str]) -> dict[str, str]:
    """METADATA_FIELDS values plus `title_source`, `authors_source`, `year_source` for one record."""
    meta = meta or {}
    from_csv = _EXPORT_FIELDS_FROM_METADATA if is_export else METADATA_FIELDS
    values: dict[str, str] = {}
    for f in METADATA_FIELDS:
        own = getattr(rec, f)
        if f in from_csv and _given(meta.get(f)):
            values[f], source = meta[f], METADATA_CSV
        elif _given(own) and (rec.origin == RECORD or f not in SOURCED_FIELDS or f in embedded_fields):
            values[f], source = own, rec.origin
        else:
            values[f], source = UNKNOWN, NONE
        if f in SOURCED_FIELDS:
            values[f"{f}_source"] = source
    return values
