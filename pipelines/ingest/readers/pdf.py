"""PDF: text of every page (pypdf), pages separated by a blank line; title/author/creation year from the document
info (used only where `ingest.embedded_metadata` names the field)."""

from __future__ import annotations

import io
import re

from pipelines.ingest.records import RawRecord, ReadFailure, ReadResult, clean_value, year_of


def _info_year(value: object) -> str:
    """The year of a PDF date string ('D:20220202120000Z'), whose digits run on so `year_of` alone misses it."""
    m = re.match(r"\s*(?:D:)?(\d{4})", str(value or ""))
    return year_of(m.group(1)) if m else year_of(value)


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
    kept = [p for p in pages if p]
    starts = [sum(len(p) + 2 for p in kept[:k]) for k in range(len(kept))]
    rec = RawRecord(text="\n\n".join(kept), origin="pdf_info", page_starts=starts)
    if info is not None:
        rec.title = clean_value(info.title)
        rec.authors = clean_value(info.author)
        rec.year = _info_year(info.get("/CreationDate", ""))
    return ReadResult("pdf", [rec], notes)
