"""Word .docx: paragraph text (one paragraph per block), title/author/created year from the core properties
(used only where `ingest.embedded_metadata` names the field: a created date is the file's, not the text's).

The archive is checked before python-docx opens it: a small file may unpack to gigabytes (ingest.
max_docx_unpacked_bytes) or hold a huge document.xml (ingest.max_docx_xml_bytes); such a file is refused with
its sizes, never unpacked."""

from __future__ import annotations

import io
import zipfile

from pipelines.ingest.records import RawRecord, ReadFailure, ReadResult, clean_value, year_of

DEFAULT_MAX_UNPACKED = 512 << 20
DEFAULT_MAX_XML = 32 << 20


def check_archive(data: bytes, max_unpacked: int, max_xml: int) -> None:
    """ReadFailure when the .docx zip would unpack past the limits (sizes from its directory, nothing unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ReadFailure(f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    total = sum(i.file_size for i in infos)
    if total > max_unpacked:
        raise ReadFailure(f"refused: .docx unpacks to {total} bytes, over ingest.max_docx_unpacked_bytes "
                          f"({max_unpacked}); not read")
    for info in infos:
        if info.filename.endswith(".xml") and info.file_size > max_xml:
            raise ReadFailure(f"refused: .docx part {info.filename} is {info.file_size} bytes of XML, over "
                              f"ingest.max_docx_xml_bytes ({max_xml}); not read")


def read_docx(data: bytes, max_unpacked: int = DEFAULT_MAX_UNPACKED, max_xml: int = DEFAULT_MAX_XML) -> ReadResult:
    import docx

    check_archive(data, max_unpacked, max_xml)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadFailure(f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # lxml refuses huge text nodes and malformed XML with its own errors
        raise ReadFailure(f"unreadable .docx XML: {type(exc).__name__}: {exc}") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    notes = [f"{len(document.tables)} table(s) not included (only paragraph text is read)"] if document.tables else []
    props = document.core_properties
    rec = RawRecord(text="\n\n".join(paragraphs), origin="docx_properties")
    rec.title = clean_value(props.title)
    rec.authors = clean_value(props.author)
    rec.year = year_of(props.created.year if props.created else None)
    return ReadResult("docx", [rec], notes)
