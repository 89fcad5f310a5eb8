"""DVC stage `compare`: profile co-production beside its neighbouring concepts in the same corpus (table
`concept_profiles`, metrics/compare.json). The concepts, collocates shown and minimum size come from `compare:`."""

from __future__ import annotations

import pandas as pd

from pipelines.compare.gather import UnknownConcept, gather, resolve_concepts
from pipelines.compare.profile import profiles
from pipelines.compare.settings import CompareParams
from pipelines.config import Config, ConfigError
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES
from pipelines.text.lexicon import lexicon_for


def build(cfg: Config, paths: Paths, terms: list[str]) -> pd.DataFrame:
    """The concept_profiles rows for `terms` (lexicon concepts or spellings of them), computed now."""
    params: CompareParams = cfg.section("compare", CompareParams)
    concepts = resolve_concepts(terms, lexicon_for(cfg.lexicon))
    return profiles(gather(cfg, paths, concepts), cfg.lexicon.target, TABLES["elasticity"].read(paths),
                    TABLES["comparisons"].read(paths), params.min_mentions, params.top_collocates)


def run(cfg: Config, paths: Paths) -> dict:
    """Write the concept_profiles table for `compare.concepts` and a per-concept summary as metrics."""
    params: CompareParams = cfg.section("compare", CompareParams)
    try:
        table = build(cfg, paths, params.concepts)
    except UnknownConcept as exc:
        raise ConfigError(f"{paths.root / 'params.yaml'}: compare.concepts: {exc}") from None
    TABLES["concept_profiles"].write(table, paths)
    heads = table.drop_duplicates("concept")
    metrics = {"profiled": {r.concept: {"status": r.status, "n_mentions": int(r.n_mentions), "n_kept": int(r.n_kept)}
                            for r in heads.itertuples(index=False)},
               "n_too_small": int((heads["status"] != "ok").sum())}
    write_json(metrics, paths.metric("compare"))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
