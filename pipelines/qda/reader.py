"""Read a (checked, schema-valid) REFI-QDA project into plain records: users, codes, text sources with their text,
and every coding of a text selection. Offsets are character (code point) offsets into the source's text."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipelines.qda.archive import Limits, QdaFileError, open_archive, parse_project, read_member
from pipelines.qda.writer import INTERNAL, PROJECT_FILE, SOURCES_DIR, q


@dataclass(frozen=True)
class ProjectCode:
    guid: str
    name: str
    codable: bool
    parent: str | None


@dataclass(frozen=True)
class ProjectCoding:
    """One code applied to one text selection."""

    guid: str  # the Coding's guid
    selection: str  # the PlainTextSelection's guid
    source: str
    start: int
    end: int
    code: str
    user: str | None
    description: str


@dataclass
class ProjectSource:
    guid: str
    name: str
    text: str


@dataclass
class QdaProject:
    path: Path
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: dict[str, ProjectCode] = field(default_factory=dict)
    sources: dict[str, ProjectSource] = field(default_factory=dict)
    codings: list[ProjectCoding] = field(default_factory=list)


def norm(guid: str | None) -> str:
    """A GUID as colens writes it: lower case, without braces (QDA-XML allows both)."""
    return (guid or "").strip().strip("{}").lower()


def _text(zf: zipfile.ZipFile, el: etree._Element, path: Path) -> str:
    """A text source's text: inline PlainTextContent, or its internal:// file under sources/."""
    guid = el.get("guid")
    inline = el.find(q("PlainTextContent"))
    if inline is not None:
        return inline.text or ""
    ref = el.get("plainTextPath")
    if not ref:
        raise QdaFileError(f"{path}: TextSource {guid}: neither PlainTextContent nor plainTextPath")
    if not ref.startswith(INTERNAL):
        raise QdaFileError(f"{path}: TextSource {guid}: plainTextPath {ref!r} is outside the project; only "
                           f"{INTERNAL} sources inside the .qdpx are read")
    data = read_member(zf, f"{SOURCES_DIR}/{ref[len(INTERNAL):]}", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QdaFileError(f"{path}: TextSource {guid}: {ref} is not UTF-8 ({exc.reason} at byte "
                           f"{exc.start})") from None


def _codes(parent: etree._Element, parent_guid: str | None, out: dict[str, ProjectCode]) -> None:
    for el in parent.findall(q("Code")):
        g = norm(el.get("guid"))
        out[g] = ProjectCode(g, el.get("name", ""), el.get("isCodable") in ("true", "1"), parent_guid)
        _codes(el, g, out)


def _source_codings(el: etree._Element, src: ProjectSource, path: Path) -> list[ProjectCoding]:
    out = []
    whole = el.find(q("Coding"))
    if whole is not None:
        raise QdaFileError(f"{path}: TextSource {src.guid}: Coding {whole.get('guid')} codes the whole source; "
                           "colens codes text selections only (code a passage instead)")
    n = len(src.text)
    for sel in el.findall(q("PlainTextSelection")):
        sg = norm(sel.get("guid"))
        start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
        if not 0 <= start < end <= n:
            raise QdaFileError(f"{path}: PlainTextSelection {sg} in source {src.guid}: offsets {start}-{end} lie "
                               f"outside its text of {n} characters")
        desc = sel.findtext(q("Description")) or ""
        for coding in sel.findall(q("Coding")):
            ref = coding.find(q("CodeRef"))
            out.append(ProjectCoding(norm(coding.get("guid")), sg, src.guid, start, end, norm(ref.get("targetGUID")),
                                     norm(coding.get("creatingUser")) or None, desc))
    return out


def read_qdpx(path: Path, limits: Limits) -> QdaProject:
    """The project in `path`; QdaFileError naming the file and element for anything it cannot take."""
    with open_archive(path, limits) as zf:
        tree = parse_project(read_member(zf, PROJECT_FILE, path), path, limits.schema)
        root = tree.getroot()
        project = QdaProject(path)
        for user in root.iterfind(f"{q('Users')}/{q('User')}"):
            project.users[norm(user.get("guid"))] = user.get("name", "")
        codes = root.find(f"{q('CodeBook')}/{q('Codes')}")
        if codes is not None:
            _codes(codes, None, project.codes)
        sources = root.find(q("Sources"))
        for el in sources if sources is not None else []:
            if not isinstance(el.tag, str):
                continue
            g = norm(el.get("guid"))
            if el.tag != q("TextSource"):
                raise QdaFileError(f"{path}: {etree.QName(el).localname} {g}: colens exports text sources only and "
                                   "cannot match this one")
            src = ProjectSource(g, el.get("name", ""), _text(zf, el, path))
            project.sources[g] = src
            project.codings.extend(_source_codings(el, src, path))
    return project
