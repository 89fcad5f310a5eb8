"""Measure groups of units: point estimate, bootstrap CI over units, `too_small` status; two-group tests."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipelines.elasticity.depth import is_measurable, resolve_collocate_depth
from pipelines.elasticity.index import COMPONENTS, SCORES, Baseline, choose_baseline, combine, common_scores, evaluate
from pipelines.elasticity.resampling import bootstrap_weights, percentile_ci, permutation_masks, permutation_p
from pipelines.elasticity.settings import ElasticityParams
from pipelines.elasticity.unitstats import UnitStats

OK, TOO_SMALL = "ok", "too_small"


@dataclass
class GroupResult:
    group: str
    n_mentions: int
    n_docs: int
    n_units: int
    status: str
    index: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    components: dict[str, Any] = field(default_factory=dict)
    status_detail: str = ""
    index_components: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.group, "n_mentions": self.n_mentions, "n_docs": self.n_docs, "index": self.index,
            "ci_low": self.ci_low, "ci_high": self.ci_high, "components": self.components,
            "status": self.status, "status_detail": self.status_detail,
            "index_components": list(self.index_components),
        }


def too_small_detail(n_mentions: int, n_units: int, params: ElasticityParams, unit: str = "units") -> str:
    """What a too-small group has and what it would need, e.g. '4 mentions in 2 documents; needs 10 in 3'."""
    def units(n: int) -> str:
        return f"{n} {unit[:-1] if n == 1 and unit.endswith('s') else unit}"

    return (f"{n_mentions} mention{'' if n_mentions == 1 else 's'} in {units(n_units)}; needs at least "
            f"{params.min_mentions} mentions in {units(params.min_docs)}")


def group_rng(seed: int, key: str) -> np.random.Generator:
    """A generator fixed by the run seed and the group's name, so results do not depend on group order."""
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


def _num(x: float) -> float | None:
    return float(x) if np.isfinite(x) else None


def _bounded(ci: tuple[float, float]) -> tuple[float, float]:
    """Scores and the index live in [0, 1]; a re-centred interval is clipped to that range."""
    return float(np.clip(ci[0], 0.0, 1.0)), float(np.clip(ci[1], 0.0, 1.0))


def point_estimate(stats: UnitStats, params: ElasticityParams, pooled: Baseline) -> dict | None:
    """Every score of a measurable group at its own data (no resampling), or None when it is too small."""
    if not is_measurable(stats, params):
        return None
    params = resolve_collocate_depth(params, [stats])
    baseline = choose_baseline(stats, params, pooled.apd, pooled.source)
    return evaluate(stats, np.ones((1, len(stats.units))), params, baseline)


def measure_group(
    stats: UnitStats, group: str, n_docs: int, params: ElasticityParams, pooled: Baseline, seed: int,
    use: tuple[str, ...] | None = None, unit: str = "units",
) -> GroupResult:
    """Index with its bootstrap CI, or `too_small` (null index) below min_mentions / min_docs units.

    `use` fixes which scores make the index (the scores every group of the comparison has); by default the
    scores this group has. With `rarefy_collocates: auto` unresolved, the collocate depth is set from this group
    alone; callers that measure several groups resolve it once for all of them (`measure_level`, the stage).
    """
    n_mentions = int(stats.n_mentions.sum())
    n_units = int((stats.n_mentions > 0).sum())
    result = GroupResult(group, n_mentions, n_docs, n_units, TOO_SMALL)
    if not is_measurable(stats, params):
        result.status_detail = too_small_detail(n_mentions, n_units, params, unit)
        return result
    params = resolve_collocate_depth(params, [stats])
    baseline = choose_baseline(stats, params, pooled.apd, pooled.source)
    point = evaluate(stats, np.ones((1, len(stats.units))), params, baseline)
    own = common_scores([point])
    used = tuple(k for k in own if use is None or k in use)
    missing = [k for k in (use or ()) if k not in own]
    if missing:  # a score the comparison needs is undefined here: say so rather than compare unlike indices
        result.status_detail = f"undefined here but used in the comparison: {', '.join(missing)}"
    rng = group_rng(seed, group)
    boot = evaluate(stats, bootstrap_weights(len(stats.units), params.n_boot, rng), params, baseline, used)
    point["index"] = combine(point, used)
    result.status = OK
    result.index = _num(point["index"][0]) if used and not missing else None
    result.index_components = used
    # A replicate in which a used score is undefined (too few items drawn) gets no index and is dropped
    # rather than averaged over fewer scores, so every replicate index has the estimate's composition.
    boot_index = boot["index"]
    result.ci_low, result.ci_high = _bounded(percentile_ci(boot_index, params.ci, point["index"][0]))
    if result.index is None:
        result.ci_low = result.ci_high = None
    result.components = {k: _num(point[k][0]) for k in (*COMPONENTS, *SCORES)}
    result.components["index_components"] = list(used)
    result.components["bootstrap_dropped"] = int(np.sum(~np.isfinite(boot_index)))
    result.components["baseline_source"] = baseline.source
    for k in SCORES:
        lo, hi = _bounded(percentile_ci(boot[k], params.ci, point[k][0]))
        result.components[f"{k}_ci"] = [_num(lo), _num(hi)] if result.components[k] is not None else None
    return result


@dataclass
class Comparison:
    group_a: str
    group_b: str
    difference: float
    p_value: float
    n_perm: int
    index_components: tuple[str, ...] = ()


def compare_groups(
    stats: UnitStats, in_a: np.ndarray, in_b: np.ndarray, names: tuple[str, str],
    params: ElasticityParams, pooled: Baseline, seed: int, use: tuple[str, ...] | None = None,
) -> Comparison:
    """Index(A) - index(B) and its permutation p-value (document labels shuffled between A and B).

    Each labelling is measured like `measure_group` measures a group: with its own baseline sentences when
    A and B together have enough of them, else both against the run's pooled baseline.
    """
    idx = np.flatnonzero(np.asarray(in_a, bool) | np.asarray(in_b, bool))
    params = resolve_collocate_depth(params, [stats.subset(np.flatnonzero(in_a)), stats.subset(np.flatnonzero(in_b))])
    pooled_stats = stats.subset(idx)
    a = np.asarray(in_a, bool)[idx].astype(float)
    baseline = choose_baseline(pooled_stats, params, pooled.apd, pooled.source)
    ones = np.ones((1, len(idx)))
    if use is None:  # the scores both groups have, as each is measured alone
        use = common_scores([evaluate(pooled_stats, m, params, baseline) for m in (a[None, :], ones - a)])
    masks = np.vstack([a, permutation_masks(int(a.sum()), len(idx), params.n_perm,
                                            group_rng(seed, "|".join(names)))])
    ia = evaluate(pooled_stats, masks, params, baseline, use)["index"]
    ib = evaluate(pooled_stats, 1.0 - masks, params, baseline, use)["index"]
    diff = ia - ib
    return Comparison(names[0], names[1], float(diff[0]), permutation_p(diff[0], diff[1:]), params.n_perm,
                      tuple(use))
