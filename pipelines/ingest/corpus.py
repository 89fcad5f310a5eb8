"""Walk a corpus folder: every file, in a stable order, with its path relative to the corpus root."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CorpusEntry:
    """A file to ingest, or a hidden folder that is reported but not searched."""

    path: Path
    rel: str  # POSIX relative path, the file's name in manifest and metadata
    hidden_dir: bool = False


def walk_corpus(root: Path) -> Iterator[CorpusEntry]:
    """Files under `root` sorted by relative path; hidden folders (.git, .dvc) are yielded, not entered."""
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        hidden = sorted(d for d in dirnames if d.startswith("."))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in hidden:
            yield CorpusEntry(base / d, (base / d).relative_to(root).as_posix(), hidden_dir=True)
        for name in sorted(filenames):
            p = base / name
            yield CorpusEntry(p, p.relative_to(root).as_posix())


def sorted_corpus(root: Path) -> list[CorpusEntry]:
    """All entries sorted by relative path (os.walk order differs between folders and file systems)."""
    return sorted(walk_corpus(root), key=lambda e: e.rel)
