"""Every folder, derived from the `paths:` and `corpus:` sections of params.yaml.

Each stage writes into its own folder under `paths.data` (a DVC out); the tables in it are named in
`pipelines/tables.py`, metrics and models by `Paths.metric` / `Paths.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.config import Config
from pipelines.root import ROOT

__all__ = ["ROOT", "Paths"]


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
    def from_config(cls, cfg: Config, root: Path | None = None) -> "Paths":
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

    def metric(self, name: str) -> Path:
        """metrics/<name>.json (the folder created on demand)."""
        self.metrics.mkdir(parents=True, exist_ok=True)
        return self.metrics / f"{name}.json"

    def model(self, name: str) -> Path:
        d = self.models / name
        d.mkdir(parents=True, exist_ok=True)
        return d
