"""The values passed between readers, cleaning and the stage."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

UNKNOWN = "unknown"

METADATA_FIELDS = ("title", "genre", "year", "authors", "journal", "doi", "source")


@dataclass
class RawRecord:
    """One document as a reader found it: its text and whatever metadata the file itself carries."""

    text: str
    record: int | None = None  # index within a bibliographic export; None for one-document files
    title: str = UNKNOWN
    year: str = UNKNOWN
    authors: str = UNKNOWN
    journal: str = UNKNOWN
    doi: str = UNKNOWN
    genre: str = UNKNOWN
    source: str = UNKNOWN
    # where title/authors/year came from: `record` (a bibliographic export's own fields) or the embedded
    # metadata of the file (`html_meta`, `docx_properties`, `pdf_info`), which ingestion uses only when
    # `ingest.embedded_metadata` names the field; `none` when the reader found no metadata
    origin: str = "none"
    page_starts: list[int] = field(default_factory=list)  # offsets in `text` where each PDF page begins


@dataclass
class ReadResult:
    """What a reader made of one file: records, plus notes (decoding fallbacks, records skipped)."""

    format: str
    records: list[RawRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class SkipFile(Exception):
    """The file is not a document (unsupported, empty, an unrecognised CSV): recorded as `skipped`."""


class ReadFailure(Exception):
    """The file should be a document but cannot be read (corrupt, binary junk): recorded as `failed`."""


class IngestError(Exception):
    """A problem that stops ingestion (a malformed metadata.csv, a missing corpus folder)."""


def clean_value(value: object) -> str:
    """A metadata value as a stripped string; empty and missing become `unknown`."""
    if value is None:
        return UNKNOWN
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v).strip() for v in value if str(v).strip())
    text = " ".join(str(value).split())
    if not text or text.lower() in {"nan", "none", "null", "n/a", UNKNOWN}:
        return UNKNOWN
    return text


def year_of(value: object) -> str:
    """The four-digit year in a date-like value ('2018 Jun', '2018-05-15'), else `unknown`."""
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", clean_value(value))
    return m.group(1) if m else UNKNOWN
