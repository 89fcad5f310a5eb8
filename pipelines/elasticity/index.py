"""Components -> scores in [0, 1] -> the elasticity index (two faces, each the mean of its defined scores).

Every score is a mean dissimilarity between two distinct items of the group (0 = all alike):
usage        = clip(APD_mentions / APD_baseline, 0, 1)   (1: mentions as dispersed as any sentence there)
sense_spread = Gini-Simpson index of the mentions' predicted senses (one-hot rows, `sense_matrix`): the chance
               that two mentions carry different senses; measured only when all senses are kept
senses       = Gini-Simpson index of the usage clusters over distinct pairs; undefined when the clustering
               is degenerate (one cluster, or every other cluster a few stray mentions)
definitions  = mean(Gini-Simpson of the definition families, clip(APD_definitions / APD_baseline, 0, 1));
               undefined with fewer than `min_definitions` definitions
collocates   = (exp(H_mc) - 1) / (mc - 1)  (rarefied Hill number of the collocate lemmas, rescaled:
               0 = one lemma repeated, 1 = every lemma of mc draws distinct; mc = the run's collocate depth)
index        = mean(meaning face, context face): meaning = mean of the used sense_spread, senses, definitions
               scores; context = mean of the used usage and collocates scores. Which scores are used is fixed
               per comparison (`common_scores`), so every group of a comparison has the same composition.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from pipelines.elasticity.components import (
    apd_from_sums,
    hill_number,
    pairwise_spread,
    rarefied_entropy,
    simpson_from_counts,
    weighted_total,
)
from pipelines.elasticity.depth import collocate_depth
from pipelines.elasticity.settings import ElasticityParams
from pipelines.elasticity.unitstats import UnitStats, compact

SCORES = ("score_usage", "score_senses", "score_definitions", "score_collocates", "score_sense_spread")
#: The two faces of elasticity, each weighing half in the index however many of its scores are defined.
FACES = {
    "meaning": ("score_sense_spread", "score_senses", "score_definitions"),
    "context": ("score_usage", "score_collocates"),
}
COMPONENTS = (
    "usage_apd", "baseline_apd", "usage_dispersion", "sense_entropy", "collocate_entropy",
    "collocate_depth", "n_definitions", "definition_families", "definition_apd",
    "cluster_simpson", "family_simpson", "sense_spread",
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


def combine(scores: dict[str, np.ndarray], use: tuple[str, ...] | list[str] | None = None) -> np.ndarray:
    """The index per row: the mean of the two faces' means over the scores in `use` (default: all SCORES).

    A row where a used score is undefined gets NaN: an index is only reported with its full composition.
    With `use=None` (one group alone), each row averages the scores it has.
    """
    faces = []
    for names in FACES.values():
        cols = [scores[k] for k in names if use is None or k in use]
        if not cols:
            continue
        block = np.column_stack(cols)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows stay NaN
            faces.append(np.nanmean(block, axis=1) if use is None else block.mean(axis=1))
    if not faces:
        return np.full(len(next(iter(scores.values()))), np.nan)
    stacked = np.column_stack(faces)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmean(stacked, axis=1) if use is None else stacked.mean(axis=1)


def common_scores(points: list[dict]) -> tuple[str, ...]:
    """The scores defined for every group of a comparison (point estimates): the index's composition."""
    return tuple(k for k in SCORES if points and all(np.isfinite(p[k][0]) for p in points))


#: Replicates evaluated at once. Every row is computed on its own, so the blocks only bound memory: the
#: (rows x collocate vocabulary) count matrices of 1,000 bootstrap replicates took 3.2 GB at 300k words.
EVAL_ROWS = 100


def evaluate(
    stats: UnitStats, weights: np.ndarray, params: ElasticityParams, baseline: Baseline,
    use: tuple[str, ...] | None = None,
) -> dict:
    """Every component, score and the index for each row of `weights` (R, U); arrays of shape (R,)."""
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    stats = compact(stats)
    if len(w) <= EVAL_ROWS:
        return _evaluate_rows(stats, w, params, baseline, use)
    parts = [_evaluate_rows(stats, w[a : a + EVAL_ROWS], params, baseline, use) for a in range(0, len(w), EVAL_ROWS)]
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _evaluate_rows(stats: UnitStats, w: np.ndarray, params: ElasticityParams, baseline: Baseline,
                   use: tuple[str, ...] | None) -> dict:
    n = w @ stats.n_mentions
    w2 = w**2  # sum of squared mention weights = pairs of a mention with its own copies
    usage_apd = apd_from_sums(n, w @ stats.mention_sums, w2 @ stats.n_mentions)
    if baseline.source == "own":
        base = apd_from_sums(w @ stats.n_baseline, w @ stats.baseline_sums, w2 @ stats.n_baseline)
    else:
        base = np.full(len(w), np.nan if baseline.apd is None else baseline.apd)
    with np.errstate(divide="ignore", invalid="ignore"):
        dispersion = usage_apd / base
    cluster_counts = weighted_total(w, stats.clusters)
    sense_h = rarefied_entropy(cluster_counts, params.rarefy_mentions)
    cluster_gs = simpson_from_counts(cluster_counts, w2 @ stats.n_mentions)
    if stats.clusters_degenerate:
        cluster_gs = np.full(len(w), np.nan)
    if stats.n_sense is not None:
        spread = pairwise_spread(w @ stats.n_sense, w @ stats.sense_sums, w @ stats.sense_sq, w2 @ stats.n_sense)
    else:
        spread = np.full(len(w), np.nan)
    depth = collocate_depth(params)
    colloc_h = rarefied_entropy(weighted_total(w, stats.collocates), depth)
    n_def = w @ stats.n_definitions
    enough = n_def >= params.min_definitions
    fam_counts = w @ stats.families
    fam = np.where(enough, hill_number(fam_counts) if stats.families.shape[1] else np.nan, np.nan)
    fam_gs = np.where(enough, simpson_from_counts(fam_counts, w2 @ stats.n_definitions), np.nan)
    def_apd = np.where(enough, apd_from_sums(n_def, w @ stats.definition_sums, w2 @ stats.n_definitions), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        def_score = 0.5 * (fam_gs + np.clip(def_apd / base, 0.0, 1.0))
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
        "cluster_simpson": cluster_gs,
        "family_simpson": fam_gs,
        "sense_spread": spread,
        "score_usage": np.clip(dispersion, 0.0, 1.0),
        "score_senses": cluster_gs,
        "score_definitions": def_score,
        "score_collocates": collocate_score(colloc_h, depth),
        "score_sense_spread": np.clip(spread, 0.0, 1.0),
    }
    out["index"] = combine(out, use)
    return out
