"""PDF: text of every page (pypdf), pages separated by a blank line; title/author from the document info."""

from __future__ import annotations

import io

from pipelines.ingest.records import RawRecord, ReadFailure, ReadResult, clean_value, year_of


def read_pdf(data: bytes) -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadFailure("encrypted PDF (needs a password)")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata
    except ReadFailure:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadFailure(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    notes = []
    empty = sum(1 for p in pages if not p)
    if empty:
        notes.append(f"{empty} of {len(pages)} pages have no extractable text (scanned images?)")
    rec = RawRecord(text="\n\n".join(p for p in pages if p))
    if info is not None:
        rec.title = clean_value(info.title)
        rec.authors = clean_value(info.author)
        rec.year = year_of(info.get("/CreationDate", ""))
    return ReadResult("pdf", [rec], notes)
