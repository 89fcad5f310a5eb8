"""The rarefaction depth of the collocate component, set from the data when `rarefy_collocates: auto`.

Rarefied diversity depends on the depth m, so every group of a run must be measured at one m. A fixed small m
(40 tokens) sits far below the vocabulary near a mention: almost every lemma drawn is new and every group scores
near the maximum. With `auto`, m is a share (`collocate_depth_share`) of the smallest collocate-token count of
any group the run can measure (at any level), bounded by `collocate_depth_min` and `collocate_depth_max`: as deep
as the data allow while every measurable group (and most of its bootstrap replicates) still reaches m.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from pipelines.elasticity.settings import AUTO, ElasticityParams
from pipelines.elasticity.unitstats import UnitStats


def is_measurable(stats: UnitStats, params: ElasticityParams) -> bool:
    """At least `min_mentions` mentions in at least `min_docs` resampling units (as `measure_group` requires)."""
    n_units = int((stats.n_mentions > 0).sum())
    return int(stats.n_mentions.sum()) >= params.min_mentions and n_units >= params.min_docs


def collocate_tokens(stats: UnitStats) -> int:
    """Collocate tokens (lemma occurrences in the mention windows) of a group."""
    return round(float(stats.collocates.sum()))


def depth_from_totals(totals: Iterable[int], params: ElasticityParams) -> int:
    """floor(share * smallest total), bounded to [collocate_depth_min, collocate_depth_max]."""
    totals = [int(t) for t in totals]
    lo, hi = params.collocate_depth_min, params.collocate_depth_max
    if not totals:
        return lo
    return int(np.clip(int(np.floor(params.collocate_depth_share * min(totals))), lo, hi))


def resolve_collocate_depth(params: ElasticityParams, groups: Iterable[UnitStats]) -> ElasticityParams:
    """`params` with an integer `rarefy_collocates`: unchanged when fixed, else set from the measurable groups."""
    if params.rarefy_collocates != AUTO:
        return params
    totals = [collocate_tokens(s) for s in groups if is_measurable(s, params)]
    return params.model_copy(update={"rarefy_collocates": depth_from_totals(totals, params)})


def collocate_depth(params: ElasticityParams) -> int:
    """The resolved depth; a clear error if `auto` was not resolved first."""
    if params.rarefy_collocates == AUTO:
        raise ValueError("rarefy_collocates is 'auto': resolve it with resolve_collocate_depth() before evaluating")
    return int(params.rarefy_collocates)
