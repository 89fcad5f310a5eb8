"""Hostile corpus files, built on the fly in a temporary folder (nothing large is committed)."""

from __future__ import annotations

import os
import socket
import zipfile
from pathlib import Path

PROSE = ("Co-production means that people who use services work with professionals as equal partners. "
         "Critics argue that the concept is stretched until it covers any consultation at all. ")

_DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               'wordprocessingml.document.main+xml"/></Types>')
_DOCX_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(path: Path, paragraphs: int = 0, run_bytes: int = 0, paragraph: str = PROSE) -> Path:
    """A .docx whose document.xml holds `paragraphs` copies of `paragraph`, or one text run of `run_bytes`
    letters, written in streamed chunks (a few hundred KB on disk, however large it unpacks)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            para = f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>".encode()
            for _ in range(paragraphs):
                out.write(para)
            if run_bytes:
                out.write(b"<w:p><w:r><w:t>")
                chunk = b"a" * (1 << 20)
                for _ in range(run_bytes >> 20):
                    out.write(chunk)
                out.write(b"</w:t></w:r></w:p>")
            out.write(b"</w:body></w:document>")
    return path


def one_line_text(path: Path, n_bytes: int) -> Path:
    """A text file of `n_bytes` with no line break (words, so that shingling has work to do)."""
    words = b" ".join(b"w%d" % i for i in range(5000)) + b" "
    with open(path, "wb") as out:
        written = 0
        while written < n_bytes:
            piece = words[: n_bytes - written]
            out.write(piece)
            written += len(piece)
    return path


def sparse_file(path: Path, n_bytes: int) -> Path:
    """A file that claims `n_bytes` without taking the disk space (refused from its size alone)."""
    with open(path, "wb") as out:
        out.truncate(n_bytes)
    return path


def special_files(corpus: Path) -> dict[str, str]:
    """FIFO, socket, device and escaping symlinks in `corpus`; name -> the words its manifest reason must hold."""
    os.mkfifo(corpus / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "sock.txt"))
    sock.close()
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "etc").symlink_to("/etc")
    (corpus / "up").symlink_to("..")
    (corpus / "dangling.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "inside.txt").symlink_to(corpus / "good.txt")
    return {"pipe.txt": "FIFO", "sock.txt": "socket", "zero.txt": "out of the corpus", "passwd.txt": "out of the corpus",
            "etc": "out of the corpus", "up": "out of the corpus", "dangling.txt": "broken symlink"}
