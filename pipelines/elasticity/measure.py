"""From tables of mentions, definitions and baseline sentences (each with `group`, `unit`, `doc_id`) to results.

mentions: context, cluster, collocates (list of lemmas), optional `p_<sense>` probability columns; definitions:
definiens, family; baseline: text.
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
from pipelines.elasticity.clusters import is_degenerate
from pipelines.elasticity.groups import Comparison, GroupResult, compare_groups, measure_group, point_estimate
from pipelines.elasticity.index import Baseline, common_scores
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
    unit_name: str = "units"  # what a resampling unit is, for too_small messages


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
    clusters_degenerate: bool | None = None, unit_name: str = "units",
) -> LevelData:
    """Embed texts (through the cache behind `encode`) and aggregate everything by (group, unit).

    Sense probabilities come from the mentions' `p_<sense>` columns (none: the sense-spread score is
    undefined). `clusters_degenerate` as the usage stage reported it; None: judged from the cluster column.
    """
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
    if clusters_degenerate is None:
        clusters_degenerate = is_degenerate(mentions["cluster"])
    stats = build_unit_stats(
        units, list(keys[0]), m_emb, list(mentions["cluster"]), [list(c) for c in mentions["collocates"]],
        list(keys[1]), list(definitions["family"]), d_emb, list(keys[2]), b_emb,
        sense_proba=sense_matrix(mentions), clusters_degenerate=clusters_degenerate,
    )
    if pooled is None:
        unique_base = baseline.drop_duplicates(subset=["doc_id", "text"]) if len(baseline) else baseline
        pooled = pooled_baseline(_encode(encode, unique_base["text"]).reshape(-1, dim) if len(unique_base)
                                 else np.zeros((0, dim)), params, encode)
    n_docs = mentions.groupby(mentions["group"].astype(str))["doc_id"].nunique().to_dict()
    unit_group = np.array([u.split(_SEP, 1)[0] for u in units], dtype=object)
    return LevelData(stats, unit_group, {str(k): int(v) for k, v in n_docs.items()}, pooled, unit_name)


def sense_matrix(mentions: pd.DataFrame) -> np.ndarray | None:
    """Each mention's most probable sense as a one-hot row (from the `p_<sense>` columns; NaN rows where a
    mention has none), or None without such columns: the sense spread is then undefined.

    Hard labels, not the probabilities themselves: a soft spread shrinks every disagreement the classifier is
    unsure of quadratically, and on real mixtures of 1-4 senses it rose monotonically in 20 of 30 draws
    against 28 of 30 for the labels.
    """
    cols = [c for c in mentions.columns if str(c).startswith("p_")]
    if not cols:
        return None
    proba = mentions[cols].to_numpy(dtype=float)
    known = np.isfinite(proba).all(axis=1)
    out = np.full(proba.shape, np.nan)
    out[known] = np.eye(len(cols))[np.nan_to_num(proba[known]).argmax(axis=1)]
    return out


def group_stats(level: LevelData) -> dict[str, UnitStats]:
    """Each group's aggregates, by group name in sorted order."""
    return {g: level.stats.subset(np.flatnonzero(level.unit_group == g)) for g in sorted(level.n_docs)}


def resolve_depth(levels: list[LevelData], params: ElasticityParams) -> ElasticityParams:
    """One collocate depth for every group of these levels (`rarefy_collocates: auto`), else `params` as given."""
    return resolve_collocate_depth(params, [s for lv in levels for s in group_stats(lv).values()])


def level_scores(level: LevelData, params: ElasticityParams) -> tuple[str, ...]:
    """The scores every measurable group of the level has: the composition of all of its indices."""
    points = [point_estimate(s, params, level.pooled) for s in group_stats(level).values()]
    return common_scores([p for p in points if p is not None])


def measure_level(level: LevelData, params: ElasticityParams, seed: int) -> list[GroupResult]:
    """Every group of the level, in sorted order, each index built from the level's common scores (an `auto`
    collocate depth is set from this level's groups)."""
    params = resolve_depth([level], params)
    use = level_scores(level, params)
    return [measure_group(stats, g, level.n_docs[g], params, level.pooled, seed, use, level.unit_name)
            for g, stats in group_stats(level).items()]


def compare_level(level: LevelData, a: str, b: str, params: ElasticityParams, seed: int) -> Comparison:
    """Permutation test of index(a) - index(b) within one level (an `auto` depth is set from the level)."""
    for g in (a, b):
        if g not in level.n_docs:
            raise KeyError(f"no group '{g}' (groups: {', '.join(sorted(level.n_docs))})")
    params = resolve_depth([level], params)
    return compare_groups(level.stats, level.unit_group == a, level.unit_group == b, (a, b), params,
                          level.pooled, seed, level_scores(level, params))
