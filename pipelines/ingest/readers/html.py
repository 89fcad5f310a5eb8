"""HTML pages: main text (boilerplate removed) and page metadata via trafilatura."""

from __future__ import annotations

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.records import RawRecord, ReadFailure, ReadResult, SkipFile, clean_value, year_of


def read_html(data: bytes) -> ReadResult:
    import trafilatura

    html, note = decode_bytes(data)
    if not html.strip():
        raise SkipFile("empty file")
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if text is None:
        raise ReadFailure("trafilatura found no main text in the HTML")
    meta = trafilatura.extract_metadata(html)
    rec = RawRecord(text=text)
    if meta is not None:
        rec.title = clean_value(meta.title)
        rec.authors = clean_value(meta.author)
        rec.year = year_of(meta.date)
        rec.source = clean_value(meta.sitename)
    return ReadResult("html", [rec], [note] if note else [])
