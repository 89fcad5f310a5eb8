"""PubMed MEDLINE (.nbib and MEDLINE-format .txt): tagged lines ('PMID- ', 'TI  - ', 'AB  - ')."""

from __future__ import annotations

import re

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.readers.bibliographic import collect, make_record
from pipelines.ingest.records import ReadFailure, ReadResult, SkipFile

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- (.*)$")
_CONTINUATION = re.compile(r"^\s{2,}(\S.*)$")


def looks_like_medline(text: str) -> bool:
    """A MEDLINE file starts (after blank lines) with 'PMID- ' and has a title or abstract tag."""
    head = text.lstrip()[:5000]
    return head.startswith("PMID-") and bool(re.search(r"^(TI|AB)  - ", head, re.MULTILINE))


def parse_medline(text: str) -> list[dict[str, list[str]]]:
    """Records (split at each 'PMID- ') as tag -> values, continuation lines joined with a space."""
    records: list[dict[str, list[str]]] = []
    tag = None
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            tag = None
            continue
        m = _TAG.match(line)
        if m:
            tag, value = m.group(1), m.group(2).strip()
            if tag == "PMID":
                records.append({})
            if not records:
                raise ReadFailure(f"line {line_no}: MEDLINE tag {tag} before the first PMID")
            records[-1].setdefault(tag, []).append(value)
            continue
        c = _CONTINUATION.match(line)
        if c and tag and records:
            records[-1][tag][-1] += " " + c.group(1).strip()
            continue
        raise ReadFailure(f"line {line_no}: not a MEDLINE tag line: {line[:60]!r}")
    return records


def _doi(rec: dict[str, list[str]]) -> str | None:
    for value in rec.get("AID", []) + rec.get("LID", []):
        if value.endswith("[doi]"):
            return value.removesuffix("[doi]").strip()
    return None


def read_medline(data: bytes) -> ReadResult:
    text, note = decode_bytes(data)
    if not text.strip():
        raise SkipFile("empty file")
    if not looks_like_medline(text):
        raise ReadFailure("not a MEDLINE file: it does not start with a 'PMID- ' line")
    records = [
        make_record(
            i,
            abstract=" ".join(rec.get("AB", [])) or None,
            title=" ".join(rec.get("TI", [])) or None,
            year=(rec.get("DP") or [None])[0],
            authors=rec.get("FAU") or rec.get("AU"),
            journal=(rec.get("JT") or rec.get("TA") or [None])[0],
            doi=_doi(rec),
        )
        for i, rec in enumerate(parse_medline(text))
    ]
    return collect("medline", records, [note] if note else [])
