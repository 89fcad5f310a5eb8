"""Per-unit aggregates of one analysis set: everything the measures need, with no per-pair matrices.

A unit is what the bootstrap resamples (a document; a paragraph when the group is one document). Mentions,
definitions and baseline sentences are summed per unit: counts, sums of unit-norm embeddings, category counts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Hashable, Sequence

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class UnitStats:
    units: list[str]
    n_mentions: np.ndarray  # (U,)
    mention_sums: np.ndarray  # (U, d)
    clusters: sparse.csr_matrix  # (U, K) usage-cluster counts
    collocates: sparse.csr_matrix  # (U, V) collocate-lemma counts
    n_definitions: np.ndarray  # (U,)
    definition_sums: np.ndarray  # (U, d)
    families: np.ndarray  # (U, F) definition-family counts
    n_baseline: np.ndarray  # (U,)
    baseline_sums: np.ndarray  # (U, d)
    n_sense: np.ndarray | None = None  # (U,) mentions with sense probabilities
    sense_sums: np.ndarray | None = None  # (U, S) sums of the mentions' sense probability vectors
    sense_sq: np.ndarray | None = None  # (U,) sums of their squared norms
    clusters_degenerate: bool = False  # the usage clustering found no structure: its score is undefined

    def subset(self, idx: Sequence[int]) -> "UnitStats":
        """The same aggregates restricted to some units (a group)."""
        idx = np.asarray(idx, dtype=int)
        return replace(
            self,
            units=[self.units[i] for i in idx],
            n_mentions=self.n_mentions[idx],
            mention_sums=self.mention_sums[idx],
            clusters=self.clusters[idx],
            collocates=self.collocates[idx],
            n_definitions=self.n_definitions[idx],
            definition_sums=self.definition_sums[idx],
            families=self.families[idx],
            n_baseline=self.n_baseline[idx],
            baseline_sums=self.baseline_sums[idx],
            n_sense=None if self.n_sense is None else self.n_sense[idx],
            sense_sums=None if self.sense_sums is None else self.sense_sums[idx],
            sense_sq=None if self.sense_sq is None else self.sense_sq[idx],
        )


def compact(stats: UnitStats) -> UnitStats:
    """The same aggregates without the collocate columns none of these units uses. Every collocate measure sums
    over non-zero counts only, so results do not change, while the bootstrap's dense (replicates x vocabulary)
    blocks shrink from the corpus's vocabulary to the group's."""
    used = np.flatnonzero(stats.collocates.getnnz(axis=0))
    if len(used) == stats.collocates.shape[1]:
        return stats
    return replace(stats, collocates=stats.collocates[:, used])


def _index(values: Sequence[Hashable]) -> tuple[np.ndarray, list]:
    cats = sorted({v for v in values}, key=str)
    pos = {c: i for i, c in enumerate(cats)}
    return np.array([pos[v] for v in values], dtype=int), cats


def _counts(unit_idx: np.ndarray, cat_idx: np.ndarray, n_units: int, n_cats: int) -> sparse.csr_matrix:
    data = np.ones(len(unit_idx), dtype=np.int64)
    return sparse.csr_matrix((data, (unit_idx, cat_idx)), shape=(n_units, max(n_cats, 1)), dtype=np.int64)


#: Rows converted to float64 at a time by `_sums`.
SUM_ROWS = 8192


def _sums(unit_idx: np.ndarray, emb: np.ndarray, n_units: int, dim: int) -> np.ndarray:
    """Per-unit float64 sums of the rows of `emb`, added in row order. The rows are converted to float64 a block at
    a time: the same sums bit for bit as one float64 copy of all rows, without that copy (the baseline sentences'
    embeddings: hundreds of MB on a 1M-word corpus)."""
    out = np.zeros((n_units, dim))
    for a in range(0, len(unit_idx), SUM_ROWS):
        np.add.at(out, unit_idx[a : a + SUM_ROWS], np.asarray(emb[a : a + SUM_ROWS], dtype=float))
    return out


def build_unit_stats(
    units: Sequence[str],
    mention_units: Sequence[str],
    mention_emb: np.ndarray,
    clusters: Sequence[Hashable],
    collocates: Sequence[Sequence[str]],
    definition_units: Sequence[str],
    families: Sequence[Hashable],
    definition_emb: np.ndarray,
    baseline_units: Sequence[str],
    baseline_emb: np.ndarray,
    sense_proba: np.ndarray | None = None,
    clusters_degenerate: bool = False,
) -> UnitStats:
    """Aggregate mentions, definitions and baseline sentences by unit (units not in `units` are an error).

    `sense_proba` (mentions x senses, NaN rows where a mention has none) feeds the sense-spread score.
    """
    pos = {u: i for i, u in enumerate(units)}
    dim = int(mention_emb.shape[1]) if len(mention_emb) else int(getattr(mention_emb, "shape", (0, 1))[-1])

    def where(vals: Sequence[str], what: str) -> np.ndarray:
        unknown = sorted({str(v) for v in vals if v not in pos})
        if unknown:
            raise ValueError(f"{what} refer to unknown unit(s): {', '.join(unknown[:5])}")
        return np.array([pos[v] for v in vals], dtype=int)

    if not (len(mention_units) == len(mention_emb) == len(clusters) == len(collocates)):
        raise ValueError("mention units, embeddings, clusters and collocates must have the same length")
    if not (len(definition_units) == len(families) == len(definition_emb)):
        raise ValueError("definition units, families and embeddings must have the same length")
    if len(baseline_units) != len(baseline_emb):
        raise ValueError("baseline units and embeddings must have the same length")
    mu = where(mention_units, "mentions")
    du = where(definition_units, "definitions")
    bu = where(baseline_units, "baseline sentences")
    u = len(units)
    cl_idx, cl_cats = _index(list(clusters))
    lemmas = [(i, lem) for i, col in zip(mu, collocates) for lem in col]
    lem_idx, lem_cats = _index([lem for _, lem in lemmas])
    fam_idx, fam_cats = _index(list(families))
    sense = {}
    if sense_proba is not None and len(sense_proba) == len(mention_units) and np.ndim(sense_proba) == 2:
        prob = np.asarray(sense_proba, dtype=float)
        has = np.isfinite(prob).all(axis=1)
        clean = np.where(has[:, None], prob, 0.0)
        sense = dict(n_sense=np.bincount(mu[has], minlength=u).astype(float),
                     sense_sums=_sums(mu, clean, u, prob.shape[1]),
                     sense_sq=np.bincount(mu, weights=(clean**2).sum(axis=1), minlength=u).astype(float))
    elif sense_proba is not None and len(sense_proba):
        raise ValueError("sense probabilities must be a (mentions x senses) array")
    return UnitStats(
        units=list(units),
        n_mentions=np.bincount(mu, minlength=u).astype(float),
        mention_sums=_sums(mu, mention_emb, u, dim),
        clusters=_counts(mu, cl_idx, u, len(cl_cats)),
        collocates=_counts(np.array([i for i, _ in lemmas], dtype=int), lem_idx, u, len(lem_cats)),
        n_definitions=np.bincount(du, minlength=u).astype(float),
        definition_sums=_sums(du, definition_emb, u, dim),
        families=_counts(du, fam_idx, u, len(fam_cats)).toarray(),
        n_baseline=np.bincount(bu, minlength=u).astype(float),
        baseline_sums=_sums(bu, baseline_emb, u, dim),
        clusters_degenerate=bool(clusters_degenerate),
        **sense,
    )
