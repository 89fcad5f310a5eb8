"""Build and edit .qdpx files in tests: a tiny hand-made project, and a way to rewrite a project's XML or members."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

import pandas as pd
from lxml import etree

from pipelines.qda.codebook import Code
from pipelines.qda.codings import COLUMNS
from pipelines.qda.ids import code_guid
from pipelines.qda.writer import NS, PROJECT_FILE, write_qdpx

# é (1 code point), curly quotes, an emoji outside the BMP (1 code point, 2 UTF-16 units, 4 UTF-8 bytes)
TEXT = "Café “co‑production” 🎉 means people who use services work as equals.\nSecond line: coproduction ✓."
DOC = {"doc_id": "d1", "content_hash": "h1", "text": TEXT, "genre": "blog", "year": "2024", "source": "test",
       "title": "Tiny"}


def tiny_codebook() -> list[Code]:
    root = Code(code_guid("sense"), "sense", False, "sense", "")
    root.children = [Code(code_guid("sense", v), v, True, "sense", v) for v in ("participatory", "knowledge")]
    return [root]


def tiny_codings() -> pd.DataFrame:
    a = TEXT.index("co‑production")
    b = TEXT.index("coproduction")
    rows = [("d1", a, a + len("co‑production"), "sense", "participatory", 0.9, "first “note” 🎉", "senses",
             "m"),
            ("d1", b, b + len("coproduction"), "sense", "knowledge", 0.6, "second", "senses", "m")]
    return pd.DataFrame(rows, columns=COLUMNS)


def write_tiny(path: Path) -> Path:
    write_qdpx(path, "tiny", "colens test", iter([DOC]), tiny_codebook(), tiny_codings(),
               {("senses", "m"): "colens test · senses model m"})
    return path


def rewrite(src: Path, dst: Path, edit_xml: Callable[[etree._Element], None] | None = None,
            members: Callable[[dict[str, bytes]], dict[str, bytes]] | None = None) -> Path:
    """A copy of `src` with project.qde edited in place by `edit_xml(root)` and/or the members replaced."""
    with zipfile.ZipFile(src) as zf:
        content = {n: zf.read(n) for n in zf.namelist()}
    if edit_xml is not None:
        root = etree.fromstring(content[PROJECT_FILE])
        edit_xml(root)
        content[PROJECT_FILE] = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    if members is not None:
        content = members(content)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in content.items():
            zf.writestr(name, data)
    return dst


def find(root: etree._Element, tag: str) -> list[etree._Element]:
    return root.findall(f".//{{{NS}}}{tag}")
