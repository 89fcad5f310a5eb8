"""Word .docx: paragraph text (one paragraph per block), title/author/year from the core properties."""

from __future__ import annotations

import io
import zipfile

from pipelines.ingest.records import RawRecord, ReadFailure, ReadResult, clean_value, year_of


def read_docx(data: bytes) -> ReadResult:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadFailure(f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    notes = [f"{len(document.tables)} table(s) not included (only paragraph text is read)"] if document.tables else []
    props = document.core_properties
    rec = RawRecord(text="\n\n".join(paragraphs))
    rec.title = clean_value(props.title)
    rec.authors = clean_value(props.author)
    rec.year = year_of(props.created.year if props.created else None)
    return ReadResult("docx", [rec], notes)
