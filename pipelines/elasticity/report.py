"""Ad-hoc analysis end to end: passages -> tables -> groups (and an optional two-group test) as JSON-ready dicts."""

from __future__ import annotations

from pathlib import Path

from pipelines.config import Config
from pipelines.elasticity.measure import build_level, compare_level, measure_level
from pipelines.elasticity.passages import passage_tables, read_passages
from pipelines.elasticity.settings import ElasticityParams
from pipelines.embeddings import EmbeddingCache
from pipelines.paths import Paths


def analyse_file(
    path: Path, group_by: str, senses: str, cfg: Config, compare: tuple[str, str] | None = None,
    paths: Paths | None = None, with_definitions: bool = True,
) -> tuple[dict, list[str]]:
    """{"groups": [...]} (+ "comparison") for a JSON Lines file, and the per-line errors."""
    params = cfg.section("elasticity", ElasticityParams)
    paths = paths or Paths.from_config(cfg)
    cache = EmbeddingCache.for_project(cfg, paths)
    passages = read_passages(path, group_by)
    tables = passage_tables(passages, cfg, paths, senses, cache.encode, with_definitions)
    groups_seen = sorted({r["group"] for r in passages.rows})
    result: dict = {"groups": []}
    if len(tables.mentions):
        level = build_level(tables.mentions, tables.definitions, tables.baseline, params, cache.encode,
                            clusters_degenerate=tables.clusters_degenerate, unit_name="documents")
        measured = {r.group: r.as_dict() for r in measure_level(level, params, cfg.seed)}
        if compare is not None:
            c = compare_level(level, compare[0], compare[1], params, cfg.seed)
            result["comparison"] = {"group_a": c.group_a, "group_b": c.group_b, "difference": c.difference,
                                    "p_value": c.p_value, "n_perm": c.n_perm,
                                    "index_components": list(c.index_components)}
    else:
        measured = {}
        if compare is not None:
            raise ValueError("no kept mentions in the input: nothing to compare")
    for g in groups_seen:  # a group whose passages lost every mention is reported, not dropped
        result["groups"].append(measured.get(g) or {
            "group": g, "n_mentions": 0, "n_docs": 0, "index": None, "ci_low": None, "ci_high": None,
            "components": {}, "status": "too_small", "status_detail": "no kept mentions",
            "index_components": []})
    if tables.notes:
        result["notes"] = tables.notes
    return result, passages.errors
