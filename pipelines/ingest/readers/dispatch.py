"""Choose the reader for a file from its extension, and from its content where one extension has many formats."""

from __future__ import annotations

from collections.abc import Callable

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers.bibtex import read_bibtex
from pipelines.ingest.readers.csv_exports import read_csv_export
from pipelines.ingest.readers.docx import DEFAULT_MAX_UNPACKED, DEFAULT_MAX_XML, read_docx
from pipelines.ingest.readers.html import read_html
from pipelines.ingest.readers.medline import looks_like_medline, read_medline
from pipelines.ingest.readers.pdf import read_pdf
from pipelines.ingest.readers.plain import read_plain
from pipelines.ingest.readers.ris import read_ris
from pipelines.ingest.records import ReadResult, SkipFile


def _read_txt(data: bytes) -> ReadResult:
    """A .txt file is MEDLINE when its content says so, otherwise plain text."""
    text, _ = decode_bytes(data)
    if looks_like_medline(text):
        return read_medline(data)
    return read_plain(data, "text")


READERS: dict[str, Callable[[bytes], ReadResult]] = {
    ".txt": _read_txt,
    ".md": lambda data: read_plain(data, "markdown"),
    ".markdown": lambda data: read_plain(data, "markdown"),
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".ris": read_ris,
    ".bib": read_bibtex,
    ".csv": read_csv_export,
    ".tsv": read_csv_export,
    ".nbib": read_medline,
}
SUPPORTED_EXTENSIONS = tuple(sorted(READERS))


def read_file(suffix: str, data: bytes, max_docx_unpacked: int = DEFAULT_MAX_UNPACKED,
              max_docx_xml: int = DEFAULT_MAX_XML) -> ReadResult:
    """Read one file's bytes; raises SkipFile (not a document) or ReadFailure (cannot be read). A .docx is
    checked against the unpacking bounds before it is opened."""
    if suffix.lower() == ".docx" and data.strip():
        return read_docx(data, max_docx_unpacked, max_docx_xml)
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise SkipFile(f"unsupported extension '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
    if not data.strip():
        raise SkipFile("empty file")
    return reader(data)
