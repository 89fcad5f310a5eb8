"""Write a REFI-QDA project (.qdpx): a zip of `sources/<guid>.txt` (each document's cleaned text, UTF-8) and
`project.qde` (QDA-XML, namespace urn:QDA-XML:project:1.0).

Streams: each source is written to the zip as it is read, and project.qde is written element by element with
lxml's incremental writer (`etree.xmlfile`), so no whole-corpus string is ever built. Nothing in the file depends
on the time or the machine (fixed zip timestamps, GUIDs from content), so re-exporting unchanged outputs gives the
same bytes. Selection offsets are character (code point) offsets into the source text, as REFI-QDA counts them.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd
from lxml import etree

from pipelines.io import write_atomic
from pipelines.qda.codebook import Code
from pipelines.qda.ids import coding_guid, selection_guid, source_guid, user_guid, variable_guid

NS = "urn:QDA-XML:project:1.0"
PROJECT_FILE = "project.qde"
SOURCES_DIR = "sources"
INTERNAL = "internal://"  # REFI-QDA's prefix for a file inside the .qdpx's sources folder
VARIABLES = ("genre", "year", "source", "title")  # document metadata exported as Text variables
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest zip timestamp: a fixed one keeps re-exports identical


def q(tag: str) -> str:
    """A tag in the QDA-XML namespace."""
    return f"{{{NS}}}{tag}"


@dataclass(frozen=True)
class SourceInfo:
    doc_id: str
    guid: str
    name: str
    variables: tuple[tuple[str, str], ...]


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(tag), {k: str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _write_sources(zf: zipfile.ZipFile, documents: Iterable[dict]) -> list[SourceInfo]:
    """Each document's text into sources/<guid>.txt, one at a time; what project.qde needs about it."""
    out = []
    for doc in documents:
        doc_id = str(doc["doc_id"])
        g = source_guid(doc_id, str(doc["content_hash"]))
        zf.writestr(_member(f"{SOURCES_DIR}/{g}.txt"), str(doc["text"]).encode("utf-8"))
        title = " ".join(str(doc.get("title") or "").split())
        name = f"{doc_id} {title[:80]}".strip()
        out.append(SourceInfo(doc_id, g, name, tuple((v, str(doc.get(v) or "unknown")) for v in VARIABLES)))
    return out


def _codebook(roots: list[Code]) -> etree._Element:
    book = etree.Element(q("CodeBook"), nsmap={None: NS})
    codes = _sub(book, "Codes")

    def add(parent, code: Code):
        el = _sub(parent, "Code", guid=code.guid, name=code.name, isCodable="true" if code.codable else "false")
        for child in code.children:
            add(el, child)

    for root in roots:
        add(codes, root)
    return book


def _source(info: SourceInfo, codings: pd.DataFrame, code_guids: dict, names: dict, users: dict) -> etree._Element:
    src = etree.Element(q("TextSource"), nsmap={None: NS}, guid=info.guid, name=info.name,
                        plainTextPath=f"{INTERNAL}{info.guid}.txt")
    for r in codings.itertuples(index=False):
        sel_guid = selection_guid(r.doc_id, r.start, r.end, r.branch, r.value)
        user = users[(r.task, r.model)]
        sel = _sub(src, "PlainTextSelection", guid=sel_guid, name=names[(r.branch, r.value)],
                   startPosition=int(r.start), endPosition=int(r.end), creatingUser=user)
        _sub(sel, "Description", str(r.note))
        coding = _sub(sel, "Coding", guid=coding_guid(sel_guid), creatingUser=user)
        _sub(coding, "CodeRef", targetGUID=code_guids[(r.branch, r.value)])
    for var, value in info.variables:
        vv = _sub(src, "VariableValue")
        _sub(vv, "VariableRef", targetGUID=variable_guid(var))
        _sub(vv, "TextValue", value)
    return src


@dataclass
class Written:
    path: Path
    n_sources: int
    n_codings: int
    users: list[str]


def write_qdpx(out: Path, project_name: str, origin: str, documents: Iterable[dict], roots: list[Code],
               codings: pd.DataFrame, user_names: dict[tuple[str, str], str]) -> Written:
    """Write the project atomically to `out`. `documents` yields dicts (doc_id, content_hash, text and the
    VARIABLES); `codings` has the columns of `codings.COLUMNS`; `user_names` maps (task, model) to a user name."""
    codes = [c for root in roots for c in root.walk()]
    code_guids = {(c.branch, c.value): c.guid for c in codes}
    names = {(c.branch, c.value): c.name for c in codes}
    users = {key: user_guid(name) for key, name in user_names.items()}
    by_doc = {doc: g for doc, g in codings.groupby("doc_id", sort=False)} if len(codings) else {}
    written: list[SourceInfo] = []

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            written.extend(_write_sources(zf, documents))
            with zf.open(_member(PROJECT_FILE), "w", force_zip64=True) as fh, etree.xmlfile(fh, encoding="utf-8") as xf:
                xf.write_declaration()
                with xf.element(q("Project"), nsmap={None: NS}, name=project_name, origin=origin):
                    people = etree.Element(q("Users"), nsmap={None: NS})
                    for key, name in sorted(user_names.items(), key=lambda kv: kv[1]):
                        _sub(people, "User", guid=users[key], name=name)
                    if len(people):
                        xf.write(people)
                    if codes:
                        xf.write(_codebook(roots))
                    variables = etree.Element(q("Variables"), nsmap={None: NS})
                    for var in VARIABLES:
                        _sub(variables, "Variable", guid=variable_guid(var), name=var, typeOfVariable="Text")
                    xf.write(variables)
                    if written:
                        with xf.element(q("Sources")):
                            for info in written:
                                xf.write(_source(info, by_doc.get(info.doc_id, codings.iloc[0:0]), code_guids,
                                                 names, users))
                                xf.flush()

    write_atomic(out, write)
    exported = {s.doc_id for s in written}
    return Written(out, len(written), int(codings["doc_id"].isin(exported).sum()) if len(codings) else 0,
                   sorted(user_names.values()))
