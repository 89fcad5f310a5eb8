"""The profiles a command asks for: rows of the compare stage's table, plus concepts it did not profile
computed now with the stage's own code (`stage.build`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.compare.gather import resolve_concepts
from pipelines.config import Config
from pipelines.paths import Paths
from pipelines.tables import TABLES
from pipelines.text.lexicon import lexicon_for


def profiles_for(cfg: Config, terms: list[str],
                 params: Path | None = None) -> tuple[pd.DataFrame, list[str], list[str]]:
    """(table rows, concept names in the order asked, concepts computed now). Unknown terms raise first."""
    concepts = resolve_concepts(terms, lexicon_for(cfg.lexicon))
    root = Path(params).resolve().parent if params else None
    paths = Paths.from_config(cfg, root=root)
    stored = TABLES["concept_profiles"].read(paths)
    missing = [c for c in concepts if c not in set(stored["concept"])]
    if missing:
        from pipelines.compare.stage import build

        stored = pd.concat([stored, build(cfg, paths, missing)], ignore_index=True)
    return stored[stored["concept"].isin(concepts)], concepts, missing
