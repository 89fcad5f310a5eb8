"""HTML pages: main text (boilerplate removed) and page metadata via trafilatura.

The date is read only from explicit markup (meta tags, JSON-LD, <time>), never by trafilatura's extensive search,
which takes a "© 2024" footer for a publication date. Whether any of these fields is used is decided later
(`ingest.embedded_metadata`)."""

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
    meta = trafilatura.extract_metadata(html, extensive=False)
    rec = RawRecord(text=text, origin="html_meta")
    if meta is not None:
        rec.title = clean_value(meta.title)
        rec.authors = clean_value(meta.author)
        rec.year = year_of(meta.date)
        rec.source = clean_value(meta.sitename)
    return ReadResult("html", [rec], [note] if note else [])
