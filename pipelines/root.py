"""ROOT: the project checkout (this package's parent, or COLENS_ROOT, e.g. for notebooks reading another clone).

A module of its own so that `config.py` (params.yaml lives here) and `paths.py` (outputs live here) both import
it without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("COLENS_ROOT") or Path(__file__).resolve().parents[1]).resolve()
