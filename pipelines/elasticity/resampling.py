"""Replicate weights over units: bootstrap (resample documents with replacement) and label permutations."""

from __future__ import annotations

import numpy as np


def bootstrap_weights(n_units: int, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """(n_boot, n_units) counts: how often each unit is drawn when n_units are drawn with replacement."""
    return rng.multinomial(n_units, np.full(n_units, 1.0 / n_units), size=n_boot).astype(float)


def permutation_masks(n_a: int, n_units: int, n_perm: int, rng: np.random.Generator) -> np.ndarray:
    """(n_perm, n_units) 0/1 masks, each choosing n_a units at random for the first group."""
    ranks = np.argsort(rng.random((n_perm, n_units)), axis=1)
    masks = np.zeros((n_perm, n_units))
    np.put_along_axis(masks, ranks[:, :n_a], 1.0, axis=1)
    return masks


def percentile_ci(values: np.ndarray, level: float, estimate: float | None = None) -> tuple[float, float]:
    """Percentile interval of the finite replicate values (NaN when none is finite).

    With `estimate`, the replicates are first re-centred so that their median is the estimate: drawing
    documents with replacement duplicates them, and duplicates lower every diversity measure by a roughly
    constant amount (a shift, not information about the group), so the interval keeps the bootstrap's
    spread around the estimate. Efron's bias-corrected interval fails here: when every replicate lies
    below the estimate it collapses onto the largest replicates.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not len(v):
        return float("nan"), float("nan")
    if estimate is not None and np.isfinite(estimate):
        v = v + (estimate - np.median(v))
    tail = (1.0 - level) / 2.0 * 100.0
    lo, hi = np.percentile(v, [tail, 100.0 - tail])
    return float(lo), float(hi)


def permutation_p(observed: float, permuted: np.ndarray) -> float:
    """Two-sided p-value with the +1 correction (the observed labelling counts as one permutation)."""
    d = np.asarray(permuted, dtype=float)
    d = d[np.isfinite(d)]
    return float((1 + np.sum(np.abs(d) >= abs(observed) - 1e-12)) / (1 + len(d)))
