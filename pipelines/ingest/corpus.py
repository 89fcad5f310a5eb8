"""Walk a corpus folder: every entry, in a stable order, with a printable path relative to the corpus root.

Only regular files inside the corpus (resolved paths) are read. FIFOs, devices and sockets, symlinks that lead
out of the corpus, broken symlinks and symlinked folders are yielded with the reason they are refused, from
`lstat`/`stat` alone: nothing is opened, so a FIFO never blocks the run. A file name that is not valid UTF-8 is
listed with its undecodable bytes written as \\xNN escapes.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CorpusEntry:
    """A file to ingest, a hidden folder reported but not searched, or an entry refused with `refused` saying why."""

    path: Path
    rel: str  # POSIX relative path, printable: the file's name in manifest and metadata
    hidden_dir: bool = False
    refused: str = ""


def safe_name(rel: str) -> str:
    """`rel` as printable text: bytes that are not UTF-8 (kept by os.walk as surrogate escapes) and control
    characters become \\xNN escapes, so the name can go into any table, log or CSV."""
    raw = os.fsencode(rel)
    text = raw.decode("utf-8", errors="backslashreplace")
    return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in text)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def refusal(path: Path, root: Path) -> str:
    """Why `path` (a walked entry) is not read, or '' for a regular file inside `root`; from stat calls only."""
    real_root = os.path.realpath(root)
    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"refused: cannot stat ({exc.strerror or exc})"
    link = ""
    if stat.S_ISLNK(st.st_mode):
        target = os.path.realpath(path)
        if not _inside(target, real_root):
            return f"refused: symlink leading out of the corpus (to {safe_name(target)})"
        try:
            st = os.stat(path)
        except OSError as exc:
            return f"refused: broken symlink ({exc.strerror or exc})"
        link = "symlink to "
        if stat.S_ISDIR(st.st_mode):
            return "refused: symlinked folder (not followed)"
    if not stat.S_ISREG(st.st_mode):
        return f"refused: {link}{_kind(st.st_mode)}, not a regular file (never opened)"
    return ""


def walk_corpus(root: Path) -> Iterator[CorpusEntry]:
    """Entries under `root` (hidden folders and refused entries included, with why); nothing is followed."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        linked = sorted(d for d in dirnames if (base / d).is_symlink())
        hidden = sorted(d for d in dirnames if d.startswith(".") and d not in linked)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in linked)
        for d in hidden:
            yield CorpusEntry(base / d, safe_name((base / d).relative_to(root).as_posix()), hidden_dir=True)
        for name in sorted(linked + filenames):
            p = base / name
            yield CorpusEntry(p, safe_name(p.relative_to(root).as_posix()), refused=refusal(p, root))


def sorted_corpus(root: Path) -> list[CorpusEntry]:
    """All entries sorted by relative path (os.walk order differs between folders and file systems)."""
    return sorted(walk_corpus(root), key=lambda e: e.rel)
