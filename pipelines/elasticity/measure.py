"""From tables of mentions, definitions and baseline sentences (each with `group`, `unit`, `doc_id`) to results.

mentions: context, cluster, collocates (list of lemmas); definitions: definiens, family; baseline: text.
Only documents with at least one kept mention belong to a group, so dropping a mention (the sense filter)
also drops its document's definitions and baseline sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from pipelines.elasticity.baseline import pooled_baseline
from pipelines.elasticity.depth import resolve_collocate_depth
from pipelines.elasticity.groups import Comparison, GroupResult, compare_groups, measure_group
from pipelines.elasticity.index import Baseline
from pipelines.elasticity.settings import ElasticityParams
from pipelines.elasticity.unitstats import UnitStats, build_unit_stats
from pipelines.tables import require

Encode = Callable[[list[str]], np.ndarray]
MENTION_COLUMNS = ("group", "unit", "doc_id", "context", "cluster", "collocates")
DEFINITION_COLUMNS = ("group", "unit", "doc_id", "definiens", "family")
BASELINE_COLUMNS = ("group", "unit", "doc_id", "text")
_SEP = "\x1f"


@dataclass
class LevelData:
    """One grouping of one analysis set, aggregated by unit and ready to measure or compare."""

    stats: UnitStats
    unit_group: np.ndarray  # group of each unit
    n_docs: dict[str, int]
    pooled: Baseline


def _key(df: pd.DataFrame) -> pd.Series:
    return df["group"].astype(str) + _SEP + df["unit"].astype(str)


def _in_docs(df: pd.DataFrame, docs: set) -> pd.DataFrame:
    pairs = list(zip(df["group"].astype(str), df["doc_id"].astype(str)))
    mask = np.array([p in docs for p in pairs], dtype=bool)
    return df.loc[mask].reset_index(drop=True)


def _encode(encode: Encode, texts: pd.Series) -> np.ndarray:
    return encode([str(t) for t in texts]) if len(texts) else np.zeros((0, 1))


def build_level(
    mentions: pd.DataFrame, definitions: pd.DataFrame, baseline: pd.DataFrame,
    params: ElasticityParams, encode: Encode, pooled: Baseline | None = None,
) -> LevelData:
    """Embed texts (through the cache behind `encode`) and aggregate everything by (group, unit)."""
    require(mentions, MENTION_COLUMNS, "mentions")
    require(definitions, DEFINITION_COLUMNS, "definitions")
    require(baseline, BASELINE_COLUMNS, "baseline")
    docs = set(zip(mentions["group"].astype(str), mentions["doc_id"].astype(str)))
    definitions, baseline = _in_docs(definitions, docs), _in_docs(baseline, docs)
    m_emb = _encode(encode, mentions["context"])
    dim = m_emb.shape[1]
    d_emb = _encode(encode, definitions["definiens"]).reshape(-1, dim) if len(definitions) else np.zeros((0, dim))
    b_emb = _encode(encode, baseline["text"]).reshape(-1, dim) if len(baseline) else np.zeros((0, dim))
    keys = [_key(mentions), _key(definitions), _key(baseline)]
    units = sorted(set().union(*(set(k) for k in keys)))
    stats = build_unit_stats(
        units, list(keys[0]), m_emb, list(mentions["cluster"]), [list(c) for c in mentions["collocates"]],
        list(keys[1]), list(definitions["family"]), d_emb, list(keys[2]), b_emb,
    )
    if pooled is None:
        unique_base = baseline.drop_duplicates(subset=["doc_id", "text"]) if len(baseline) else baseline
        pooled = pooled_baseline(_encode(encode, unique_base["text"]).reshape(-1, dim) if len(unique_base)
                                 else np.zeros((0, dim)), params, encode)
    n_docs = mentions.groupby(mentions["group"].astype(str))["doc_id"].nunique().to_dict()
    unit_group = np.array([u.split(_SEP, 1)[0] for u in units], dtype=object)
    return LevelData(stats, unit_group, {str(k): int(v) for k, v in n_docs.items()}, pooled)


def group_stats(level: LevelData) -> dict[str, UnitStats]:
    """Each group's aggregates, by group name in sorted order."""
    return {g: level.stats.subset(np.flatnonzero(level.unit_group == g)) for g in sorted(level.n_docs)}


def resolve_depth(levels: list[LevelData], params: ElasticityParams) -> ElasticityParams:
    """One collocate depth for every group of these levels (`rarefy_collocates: auto`), else `params` as given."""
    return resolve_collocate_depth(params, [s for lv in levels for s in group_stats(lv).values()])


def measure_level(level: LevelData, params: ElasticityParams, seed: int) -> list[GroupResult]:
    """Every group of the level, in sorted order (an `auto` collocate depth is set from this level's groups)."""
    params = resolve_depth([level], params)
    return [measure_group(stats, g, level.n_docs[g], params, level.pooled, seed)
            for g, stats in group_stats(level).items()]


def compare_level(level: LevelData, a: str, b: str, params: ElasticityParams, seed: int) -> Comparison:
    """Permutation test of index(a) - index(b) within one level (an `auto` depth is set from the level)."""
    for g in (a, b):
        if g not in level.n_docs:
            raise KeyError(f"no group '{g}' (groups: {', '.join(sorted(level.n_docs))})")
    params = resolve_depth([level], params)
    return compare_groups(level.stats, level.unit_group == a, level.unit_group == b, (a, b), params,
                          level.pooled, seed)
