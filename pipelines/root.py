"""ROOT: the project checkout (this package's parent, or COLENS_ROOT, e.g. for notebooks reading another clone);
`find_root`: the project a user is working in (the current folder or above).

A module of its own so that `config.py` (params.yaml lives here) and `paths.py` (outputs live here) both import
it without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("COLENS_ROOT") or Path(__file__).resolve().parents[1]).resolve()


def find_root(start: Path | None = None) -> Path:
    """The project folder holding `start` (default: the current directory): the nearest folder at or above it
    with a params.yaml; ROOT when there is none (e.g. a notebook opened outside any project) or when
    COLENS_ROOT is set."""
    if start is None and os.environ.get("COLENS_ROOT"):
        return ROOT  # set explicitly: that project, wherever the caller stands
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "params.yaml").is_file():
            return folder
    return ROOT
