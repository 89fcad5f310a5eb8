"""Every file location, derived from the `paths:` and `corpus:` sections of params.yaml.

Each stage writes into its own folder under `paths.data` (a DVC out); file names inside are fixed here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.config import Config

# The project checkout: this package's parent, or COLENS_ROOT (e.g. notebooks reading another clone's outputs).
ROOT = Path(os.environ.get("COLENS_ROOT") or Path(__file__).resolve().parents[1]).resolve()


@dataclass(frozen=True)
class Paths:
    """Resolved output locations for one configuration."""

    root: Path
    data: Path
    models: Path
    metrics: Path
    reports: Path
    cache: Path
    corpus: Path
    metadata: Path

    @classmethod
    def from_config(cls, cfg: "Config", root: Path | None = None) -> "Paths":
        root = Path(root or ROOT)

        def resolve(p: str) -> Path:
            q = Path(p)
            return q if q.is_absolute() else root / q

        corpus = resolve(cfg.corpus.path)
        return cls(
            root=root,
            data=resolve(cfg.paths.data),
            models=resolve(cfg.paths.models),
            metrics=resolve(cfg.paths.metrics),
            reports=resolve(cfg.paths.reports),
            cache=resolve(cfg.paths.cache),
            corpus=corpus,
            metadata=corpus / cfg.corpus.metadata,
        )

    def stage(self, name: str) -> Path:
        """The output folder of one stage (created on demand)."""
        d = self.data / name
        d.mkdir(parents=True, exist_ok=True)
        return d

    def metric(self, name: str) -> Path:
        self.metrics.mkdir(parents=True, exist_ok=True)
        return self.metrics / f"{name}.json"

    def model(self, name: str) -> Path:
        d = self.models / name
        d.mkdir(parents=True, exist_ok=True)
        return d

    # Tables every later stage reads: named once here.
    @property
    def documents(self) -> Path:
        return self.data / "ingest" / "documents.parquet"

    @property
    def manifest(self) -> Path:
        return self.data / "ingest" / "manifest.csv"

    @property
    def removals(self) -> Path:
        return self.data / "ingest" / "removals.parquet"

    @property
    def paragraphs(self) -> Path:
        return self.data / "mentions" / "paragraphs.parquet"

    @property
    def sentences(self) -> Path:
        return self.data / "mentions" / "sentences.parquet"

    @property
    def mentions(self) -> Path:
        return self.data / "mentions" / "mentions.parquet"
