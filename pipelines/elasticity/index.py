"""Components -> scores in [0, 1] -> the elasticity index (mean of the defined scores).

usage      = clip(APD_mentions / APD_baseline, 0, 1)   (1: mentions as dispersed as any sentence there)
senses     = H_m(usage clusters) / ln m                 (rarefied entropy over its maximum for m draws)
collocates = (exp(H_mc) - 1) / (mc - 1)                (rarefied Hill number of the collocate lemmas, rescaled:
             0 = one lemma repeated, 1 = every lemma of mc draws distinct; mc = the run's collocate depth)
definitions= mean(1 - 1/D, clip(APD_definitions / APD_baseline, 0, 1)), D = effective number of families;
             undefined (NaN) with fewer than `min_definitions` definitions, and then left out of the mean.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from pipelines.elasticity.components import apd_from_sums, hill_number, rarefied_entropy, weighted_total
from pipelines.elasticity.depth import collocate_depth
from pipelines.elasticity.settings import ElasticityParams
from pipelines.elasticity.unitstats import UnitStats

SCORES = ("score_usage", "score_senses", "score_definitions", "score_collocates")
COMPONENTS = (
    "usage_apd", "baseline_apd", "usage_dispersion", "sense_entropy", "collocate_entropy",
    "collocate_depth", "n_definitions", "definition_families", "definition_apd",
)


@dataclass(frozen=True)
class Baseline:
    """Where the anisotropy baseline comes from: the group's own sentences, or a fixed APD."""

    source: str  # "own" | "pooled" | "reference"
    apd: float | None = None  # fixed value when source is not "own"


def choose_baseline(stats: UnitStats, params: ElasticityParams, pooled_apd: float, pooled_source: str) -> Baseline:
    """Own sentences when the group has at least `min_baseline` of them; else the run's pooled value."""
    if stats.n_baseline.sum() >= params.min_baseline:
        return Baseline("own")
    return Baseline(pooled_source, pooled_apd)


def collocate_score(entropy: np.ndarray, depth: int) -> np.ndarray:
    """(D - 1) / (m - 1) with D = exp(H_m), the effective number of distinct collocates among m draws.

    On the entropy scale (H_m / ln m) real text sits at 0.94-0.96 whatever the concept does, because the log
    compresses the top of the range; the Hill number is linear in the number of equally common lemmas
    (Jost 2006), so twice as repetitive company reads as about half the score.
    """
    return (np.exp(entropy) - 1.0) / (depth - 1.0)


def evaluate(stats: UnitStats, weights: np.ndarray, params: ElasticityParams, baseline: Baseline) -> dict:
    """Every component, score and the index for each row of `weights` (R, U); arrays of shape (R,)."""
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    n = w @ stats.n_mentions
    w2 = w**2  # sum of squared mention weights = pairs of a mention with its own copies
    usage_apd = apd_from_sums(n, w @ stats.mention_sums, w2 @ stats.n_mentions)
    if baseline.source == "own":
        base = apd_from_sums(w @ stats.n_baseline, w @ stats.baseline_sums, w2 @ stats.n_baseline)
    else:
        base = np.full(len(w), np.nan if baseline.apd is None else baseline.apd)
    with np.errstate(divide="ignore", invalid="ignore"):
        dispersion = usage_apd / base
    sense_h = rarefied_entropy(weighted_total(w, stats.clusters), params.rarefy_mentions)
    depth = collocate_depth(params)
    colloc_h = rarefied_entropy(weighted_total(w, stats.collocates), depth)
    n_def = w @ stats.n_definitions
    enough = n_def >= params.min_definitions
    fam = np.where(enough, hill_number(w @ stats.families) if stats.families.shape[1] else np.nan, np.nan)
    def_apd = np.where(enough, apd_from_sums(n_def, w @ stats.definition_sums, w2 @ stats.n_definitions), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        def_score = 0.5 * ((1.0 - 1.0 / fam) + np.clip(def_apd / base, 0.0, 1.0))
    out = {
        "usage_apd": usage_apd,
        "baseline_apd": base,
        "usage_dispersion": dispersion,
        "sense_entropy": sense_h,
        "collocate_entropy": colloc_h,
        "collocate_depth": np.full(len(w), float(depth)),
        "n_definitions": n_def,
        "definition_families": fam,
        "definition_apd": def_apd,
        "score_usage": np.clip(dispersion, 0.0, 1.0),
        "score_senses": sense_h / np.log(params.rarefy_mentions),
        "score_definitions": def_score,
        "score_collocates": collocate_score(colloc_h, depth),
    }
    scores = np.column_stack([out[s] for s in SCORES])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows (no score defined) stay NaN
        out["index"] = np.nanmean(scores, axis=1)
    return out
