"""Loader API for the pipeline's tables (used by the figures, the report and the notebooks).

Every table's location is named once here, below `Paths.data`; a missing file or column is an error naming
the file and the stage that writes it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import pandas as pd

from pipelines.config import Config
from pipelines.io import read_table
from pipelines.paths import Paths

# name -> (stage folder, file, columns the figures and the report rely on)
TABLES: dict[str, tuple[str, str, list[str]]] = {
    "documents": ("ingest", "documents.parquet", ["doc_id", "title", "genre", "year", "source"]),
    "removals": ("ingest", "removals.parquet", ["doc_id", "reason", "start", "end"]),
    "mentions": ("mentions", "mentions.parquet", ["mention_id", "doc_id", "is_target", "left", "surface", "right",
                                                  "genre", "year", "title"]),
    "senses": ("senses", "senses.parquet", ["mention_id", "sense"]),
    "contexts": ("usage", "contexts.parquet", ["mention_id", "doc_id", "genre", "year", "context", "cluster", "x", "y"]),
    "topics": ("usage", "topics.parquet", ["topic", "label"]),
    "collocates": ("usage", "collocates.parquet", ["scope", "lemma", "freq", "logdice", "mi", "ll"]),
    "keyness": ("usage", "keyness.parquet", ["genre_a", "genre_b", "lemma", "freq_a", "freq_b", "ll", "log_ratio"]),
    "definitions": ("definitions", "definitions.parquet", ["def_id", "doc_id", "text", "term", "family_id"]),
    "definition_families": ("definitions", "definition_families.parquet",
                            ["family_id", "label", "representative", "n_definitions", "genres"]),
    "elasticity": ("elasticity", "elasticity.parquet", ["level", "group", "n_mentions", "n_docs", "index", "ci_low",
                                                        "ci_high", "status"]),
    "levels": ("levels", "levels.parquet", ["mention_id", "doc_id", "genre", "text", "level"]),
    "level_by_document": ("levels", "level_by_document.parquet", ["doc_id", "genre", "n_claims"]),
    "level_by_genre": ("levels", "level_by_genre.parquet", ["genre", "n_claims"]),
    "agency": ("agency", "agency.parquet", ["agent_category", "partner_category", "voice"]),
    "narratives": ("narratives", "narratives.parquet", ["doc_id", "text", "genre", "is_user_narrative", "stance"]),
}


def table_path(paths: Paths, name: str) -> Path:
    """Where table `name` lives (no folder is created)."""
    if name == "manifest":
        return paths.manifest
    stage, file, _ = TABLES[name]
    return paths.data / stage / file


class Tables:
    """Lazily read, column-checked pipeline tables: `Tables.load().elasticity`, `tables.get("keyness")`."""

    def __init__(self, paths: Paths):
        self.paths = paths
        self._cache: dict[str, pd.DataFrame] = {}

    @classmethod
    def load(cls, params: str | Path | None = None) -> "Tables":
        """Tables of the project (params.yaml decides where they are)."""
        return cls(Paths.from_config(Config.load(params)))

    def get(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            self._cache[name] = self._read(name)
        return self._cache[name]

    def exists(self, name: str) -> bool:
        return table_path(self.paths, name).exists()

    def _read(self, name: str) -> pd.DataFrame:
        path = table_path(self.paths, name)
        if name == "manifest":
            if not path.exists():
                raise FileNotFoundError(f"{path}: not found; run the ingest stage first")
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        if name not in TABLES:
            raise KeyError(f"unknown table {name!r}; known: {', '.join(sorted(TABLES))}")
        stage, _, required = TABLES[name]
        if not path.exists():
            raise FileNotFoundError(f"{path}: not found; run the `{stage}` stage (or `dvc repro`) first")
        df = read_table(path)
        missing = [c for c in required if c not in df.columns]
        if missing:
            raise KeyError(f"{path}: missing column(s) {', '.join(missing)}; re-run the `{stage}` stage")
        return df

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name == "manifest" or name in TABLES:
            return self.get(name)
        raise AttributeError(name)

    @cached_property
    def titles(self) -> dict[str, str]:
        """doc_id -> title (for sources in hover labels and tables)."""
        docs = self.get("documents")
        return dict(zip(docs["doc_id"].astype(str), docs["title"].astype(str)))
