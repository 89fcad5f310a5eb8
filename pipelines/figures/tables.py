"""Lazy, column-checked access to the pipeline's tables for the figures, the report and the notebooks.

A view over the table catalogue (`pipelines.tables.TABLES`), which names every file and column: each table is
read once, on first use, and checked there (a missing file names the stage that writes it).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from pipelines.config import Config
from pipelines.paths import Paths
from pipelines.root import find_root
from pipelines.tables import TABLES, table


class Tables:
    """The pipeline's tables by name: `Tables.load().elasticity`, `tables.get("keyness")`."""

    def __init__(self, paths: Paths):
        self.paths = paths
        self._cache: dict[str, pd.DataFrame] = {}

    @classmethod
    def load(cls, params: str | Path | None = None) -> "Tables":
        """Tables of the project of `params` (a params.yaml), by default of the project holding the current
        directory (else this checkout): outputs are found relative to that params file."""
        path = Path(params) if params else find_root() / "params.yaml"
        return cls(Paths.from_config(Config.load(path), root=path.resolve().parent))

    def get(self, name: str) -> pd.DataFrame:
        """Catalogue table `name`, read on first use (an unknown name is a TableError listing the known ones)."""
        if name not in self._cache:
            self._cache[name] = table(name).read(self.paths)
        return self._cache[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.get(name)
        raise AttributeError(name)

    @cached_property
    def titles(self) -> dict[str, str]:
        """doc_id -> title (for sources in hover labels and tables)."""
        docs = self.get("documents")
        return dict(zip(docs["doc_id"].astype(str), docs["title"].astype(str)))
