"""Open a .qdpx someone else's software wrote, defensively: a zip within size and ratio limits (zip bombs), member
names that stay inside it, and project.qde parsed without entities, DTDs or network access, then validated
against the QDA-XML 1.0 project schema (REFI's Project.xsd, found through `qda.xsd`; colens does not ship a copy
of it). Every refusal is a QdaFileError naming the file and the member or element.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from lxml import etree

from pipelines.qda.writer import PROJECT_FILE

RATIO_MIN_BYTES = 1 << 20  # small members compress arbitrarily well without being bombs; the ratio limit starts here


class QdaFileError(ValueError):
    """A .qdpx that cannot be imported; the message names the file and the member or element."""


@dataclass(frozen=True)
class Limits:
    """What an imported .qdpx may be: its size limits, and the schema it must validate against."""

    max_bytes: int
    max_ratio: float
    max_members: int
    schema: Path


def _unsafe_name(name: str) -> bool:
    """A member name that could point outside the archive (absolute, drive, backslash, `..`, NUL)."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name or ":" in name.split("/")[0]:
        return True
    return ".." in PurePosixPath(name).parts


def open_archive(path: Path, limits: Limits) -> zipfile.ZipFile:
    """The .qdpx as an open ZipFile, after every member's name, size and compression ratio is checked."""
    if not path.is_file():
        raise QdaFileError(f"{path}: not found")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise QdaFileError(f"{path}: not a .qdpx (a .qdpx is a zip archive holding {PROJECT_FILE}): {exc}") from None
    try:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise QdaFileError(f"{path}: {len(infos)} members, more than qda.max_members ({limits.max_members})")
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise QdaFileError(f"{path}: member {next(n for n in names if names.count(n) > 1)!r} appears twice")
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise QdaFileError(f"{path}: member {info.filename!r} has a path that escapes the archive; refused")
            total += info.file_size
            if info.file_size >= RATIO_MIN_BYTES and (
                    info.compress_size == 0 or info.file_size / info.compress_size > limits.max_ratio):
                raise QdaFileError(f"{path}: member {info.filename!r} expands {info.file_size} bytes from "
                                   f"{info.compress_size} (ratio over qda.max_ratio {limits.max_ratio:g}); refused as "
                                   "a possible zip bomb")
        if total > limits.max_bytes:
            raise QdaFileError(f"{path}: {total} bytes uncompressed, over qda.max_uncompressed_mb "
                               f"({limits.max_bytes // (1 << 20)} MiB); refused as a possible zip bomb")
        if PROJECT_FILE not in names:
            raise QdaFileError(f"{path}: no {PROJECT_FILE} in the archive (not a REFI-QDA project)")
    except BaseException:
        zf.close()
        raise
    return zf


def read_member(zf: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """A member's bytes (zipfile stops at its declared size, which the limits checked, and checks its CRC)."""
    try:
        return zf.read(name)
    except KeyError:
        raise QdaFileError(f"{path}: member {name!r} not found in the archive") from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise QdaFileError(f"{path}: member {name!r} cannot be read: {exc}") from None


@lru_cache(maxsize=4)
def schema(location: Path) -> etree.XMLSchema:
    """The QDA-XML 1.0 project schema at `location` (read without network); a clear error when it is missing."""
    if not location.is_file():
        raise QdaFileError(f"{location}: the REFI-QDA project schema (Project.xsd, QDA-XML 1.0) is not there; "
                           "download it from qdasoftware.org and set qda.xsd in params.yaml to its path")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.XMLSchema(etree.parse(str(location), parser))
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise QdaFileError(f"{location}: not a readable XML schema ({exc}); check qda.xsd") from None


def parse_project(data: bytes, path: Path, schema_path: Path) -> etree._ElementTree:
    """project.qde parsed safely (no entity expansion, no DTD, no network, no huge trees) and schema-valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_pis=True)
    where = f"{path}: {PROJECT_FILE}"
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise QdaFileError(f"{where}: not well-formed XML: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or tree.docinfo.externalDTD is not None:
        raise QdaFileError(f"{where}: declares a DOCTYPE; DTDs and entities are refused (QDA-XML needs none)")
    xsd = schema(schema_path)
    if not xsd.validate(tree):
        err = xsd.error_log[0]
        message = err.message.replace("{urn:QDA-XML:project:1.0}", "")
        raise QdaFileError(f"{where}: not valid QDA-XML 1.0 (Project.xsd) at {_element(tree, err.path)}, line "
                           f"{err.line}: {message}")
    return tree


def _element(tree: etree._ElementTree, xpath: str | None) -> str:
    """The element an XSD error is about, as its tag and guid (e.g. `PlainTextSelection 1b2c...`)."""
    try:
        found = tree.xpath(xpath) if xpath else []
    except etree.XPathError:
        found = []
    if not found or not isinstance(found[0], etree._Element):
        return xpath or "?"
    el = found[0]
    guid = el.get("guid")
    return etree.QName(el).localname + (f" {guid}" if guid else "")
