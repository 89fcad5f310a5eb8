"""Scopus and Web of Science CSV/TSV exports, recognised by their column headers; other CSVs are skipped."""

from __future__ import annotations

import csv
import io

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers.bibliographic import collect, make_record
from pipelines.ingest.records import ReadFailure, ReadResult, SkipFile

# Column names per export: (abstract, title, year, authors, journal, doi)
SCOPUS = ("Abstract", "Title", "Year", "Authors", "Source title", "DOI")
WOS_TAGS = ("AB", "TI", "PY", "AU", "SO", "DI")
WOS_NAMES = ("Abstract", "Article Title", "Publication Year", "Authors", "Source Title", "DOI")


def detect_export(headers: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """('scopus' | 'wos', column names) when the headers are those of a known export, else None."""
    cols = set(headers)
    if {"Title", "Abstract", "Source title"} <= cols and ({"EID", "Link"} & cols or "Authors" in cols):
        return "scopus", SCOPUS
    if {"TI", "AB", "PY"} <= cols and ({"UT", "PT", "SO"} & cols):
        return "wos", WOS_TAGS
    if {"Article Title", "Abstract"} <= cols and ({"UT (Unique WOS ID)", "Source Title"} & cols):
        return "wos", WOS_NAMES
    return None


def read_csv_export(data: bytes) -> ReadResult:
    text, note = decode_bytes(data)
    if not text.strip():
        raise SkipFile("empty file")
    first_line = text.lstrip("\ufeff").splitlines()[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
        detected = detect_export(headers)
        if detected is None:
            shown = ", ".join(headers[:8]) + (", ..." if len(headers) > 8 else "")
            raise SkipFile(f"CSV is neither a Scopus nor a Web of Science export (columns: {shown})")
        fmt, columns = detected
        position = {h: k for k, h in enumerate(headers)}
        records = []
        for i, row in enumerate(reader):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(headers):
                raise ReadFailure(
                    f"line {reader.line_num}: {len(row)} fields where the header has {len(headers)}"
                )
            get = {c: (row[position[c]] if c in position else None) for c in columns}
            a, t, y, au, j, d = (get[c] for c in columns)
            if au:
                au = "; ".join(part.strip() for part in au.split(";") if part.strip())
            records.append(make_record(len(records), abstract=a, title=t, year=y, authors=au, journal=j, doi=d))
    except csv.Error as exc:
        raise ReadFailure(f"malformed CSV at line {reader.line_num}: {exc}") from exc
    return collect(fmt, records, [note] if note else [])
