"""Replicate weights over units: bootstrap (resample documents with replacement) and label permutations."""

from __future__ import annotations

import numpy as np
from scipy.stats import norm


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

    With `estimate`, the bias-corrected percentile interval (Efron 1981): entropies are concave, so
    resampled values sit below the estimate and the plain percentile interval would be shifted down.
    """
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not len(v):
        return float("nan"), float("nan")
    tail = (1.0 - level) / 2.0
    q = np.array([tail, 1.0 - tail])
    if estimate is not None and np.isfinite(estimate):
        below = (np.sum(v < estimate) + 0.5 * np.sum(v == estimate)) / len(v)
        z0 = norm.ppf(np.clip(below, 0.5 / len(v), 1.0 - 0.5 / len(v)))
        q = norm.cdf(2.0 * z0 + norm.ppf(q))
    lo, hi = np.percentile(v, 100.0 * q)
    return float(lo), float(hi)


def permutation_p(observed: float, permuted: np.ndarray) -> float:
    """Two-sided p-value with the +1 correction (the observed labelling counts as one permutation)."""
    d = np.asarray(permuted, dtype=float)
    d = d[np.isfinite(d)]
    return float((1 + np.sum(np.abs(d) >= abs(observed) - 1e-12)) / (1 + len(d)))
