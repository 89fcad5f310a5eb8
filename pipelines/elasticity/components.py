"""The measures of the index, computed for many weightings of the same units at once (rows = replicates).

Every input is a per-unit aggregate (counts, sums of unit-norm embeddings), and a replicate is a weight
vector over units, so bootstrap and permutation replicates are one matrix product each.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.special import gammaln


def weighted_total(weights: np.ndarray, per_unit: np.ndarray | sparse.spmatrix) -> np.ndarray:
    """`weights` (R, U) times per-unit rows (U, ...) -> (R, ...), dense."""
    if sparse.issparse(per_unit):
        return np.asarray((per_unit.T @ weights.T).T)
    return weights @ per_unit


def pairwise_spread(
    n: np.ndarray, sums: np.ndarray, sq_sums: np.ndarray, self_weight: np.ndarray | None = None
) -> np.ndarray:
    """Mean of (1/2)|x_i - x_j|^2 over pairs of distinct items, per row; NaN with fewer than two items.

    sum_{i,j} c_i c_j |x_i - x_j|^2 / 2 = N sum c_i |x_i|^2 - |sum c_i x_i|^2 (N = sum c), so per-unit sums of
    x and of |x|^2 suffice. For unit vectors this is the APD (cosine distance); for one-hot category vectors the
    Gini-Simpson index over distinct pairs (the chance that two different items fall in different categories,
    without the plug-in estimator's small-sample bias); for sense probability vectors a soft Gini-Simpson.
    Pairs of an item with its own bootstrap copies are left out of the denominator (`self_weight` = sum c_i^2).
    """
    n = np.asarray(n, dtype=float)
    own = n if self_weight is None else np.asarray(self_weight, dtype=float)
    num = n * np.asarray(sq_sums, dtype=float) - np.einsum("rd,rd->r", sums, sums)
    den = n**2 - own
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den
    out[den <= 1e-9] = np.nan
    return np.clip(out, 0.0, None)


def simpson_from_counts(counts: np.ndarray, self_weight: np.ndarray) -> np.ndarray:
    """Gini-Simpson index over distinct pairs from weighted category counts (R, K), NaN with under two items."""
    c = np.asarray(counts, dtype=float)
    n = c.sum(axis=1)
    return pairwise_spread(n, c, n, self_weight)


def apd_from_sums(n: np.ndarray, sums: np.ndarray, self_weight: np.ndarray | None = None) -> np.ndarray:
    """Average pairwise cosine distance between distinct vectors, per row; NaN with fewer than two.

    sum_{i,j} c_i c_j (1 - e_i.e_j) = N^2 - |sum c_i e_i|^2 for unit vectors with weights c (N = sum c);
    pairs of a vector with itself (distance 0) are excluded from the denominator through
    `self_weight` = sum c_i^2 (default N: every weight 1), so bootstrap copies of one mention do not
    count as identical usages and the statistic has no downward bias under resampling.
    """
    n = np.asarray(n, dtype=float)
    own = n if self_weight is None else np.asarray(self_weight, dtype=float)
    num = n**2 - np.einsum("rd,rd->r", sums, sums)
    den = n**2 - own
    with np.errstate(divide="ignore", invalid="ignore"):
        out = num / den
    out[den <= 0] = np.nan
    return np.clip(out, 0.0, 2.0)


def apd(vectors: np.ndarray) -> float:
    """APD of one set of unit-norm vectors (convenience for a single sample)."""
    v = np.asarray(vectors, dtype=float)
    return float(apd_from_sums(np.array([len(v)]), v.sum(0, keepdims=True))[0])


PMF_ELEMENTS = 2_000_000  # entries of one block of hypergeometric pmf values (16 MB a float array)
PAIR_MASK_ELEMENTS = 50_000_000  # largest (row totals x count values) boolean mask; above it the pairs are sorted


_LOG_FACTORIALS = np.zeros(1)  # log(n!) for n = 0, 1, ...; grown on demand, shared by every call in the process


def _log_factorials(n_max: int) -> np.ndarray:
    """log(n!) for n = 0 .. at least n_max: log-gamma once per integer instead of once per array entry (the
    bootstrap evaluates millions of entries over a few thousand distinct integers)."""
    global _LOG_FACTORIALS
    if len(_LOG_FACTORIALS) <= n_max:
        _LOG_FACTORIALS = gammaln(np.arange(max(n_max + 1, 2 * len(_LOG_FACTORIALS)), dtype=float) + 1.0)
    return _LOG_FACTORIALS


def _log_choose(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    """log C(n, k) for integer-valued arrays, -inf where k < 0 or k > n."""
    ok = (k >= 0) & (k <= n)
    n_, k_ = np.where(ok, n, 0).astype(np.int64), np.where(ok, k, 0).astype(np.int64)
    log_factorial = _log_factorials(int(n_.max(initial=0)))
    out = log_factorial[n_] - log_factorial[k_] - log_factorial[n_ - k_]
    return np.where(ok, out, -np.inf)


def _log_choose_grid(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    """`_log_choose` for a column of n (P, 1) against a row of k (1, M), -inf where k < 0 or k > n: the terms that
    depend on n or on k alone are looked up once per row or column, not once per entry (the same numbers)."""
    n_, k_ = n.astype(np.int64), np.maximum(k.astype(np.int64), 0)
    d = n_ - k_
    ok = (k >= 0) & (d >= 0)
    log_factorial = _log_factorials(int(max(n_.max(initial=0), k_.max(initial=0))))
    out = (log_factorial[n_] - log_factorial[k_]) - log_factorial[np.where(ok, d, 0)]
    return np.where(ok, out, -np.inf)


def _plugin_terms(totals: np.ndarray, counts: np.ndarray, m: int) -> np.ndarray:
    """E[-(X/m) ln(X/m)] for X ~ Hypergeometric(total, count, m), one value per (total, count) pair.

    The pmf is evaluated in log space on whole arrays (scipy's `hypergeom.pmf` is the same quantity but an order
    of magnitude slower, which matters inside bootstrap and permutation loops); (pairs x depth) arrays are built in
    blocks, so memory stays bounded.
    """
    x = np.arange(1, m, dtype=float)[None, :]  # x = 0 and x = m contribute nothing
    f = -(x[0] / m) * np.log(x[0] / m)
    g = np.empty(len(totals))
    step = max(1, PMF_ELEMENTS // max(m - 1, 1))
    for a in range(0, len(totals), step):
        total, count = totals[a : a + step, None].astype(float), counts[a : a + step, None].astype(float)
        log_pmf = (_log_choose_grid(count, x) + _log_choose_grid(total - count, m - x)
                   - _log_choose(total, np.float64(m)))
        g[a : a + step] = np.exp(log_pmf) @ f
    return g


def _distinct_pairs(row_of: np.ndarray, row_totals: np.ndarray, counts: np.ndarray):
    """The distinct (total, count) pairs of the entries, sorted by total then count, and each entry's pair.

    Entries of one row share its total, so pairs are indexed through the few distinct row totals and a dense
    rank of the count values: no sort over the (millions of) entries, which `np.unique` on them needed.
    """
    t_values, t_rank_of_row = np.unique(row_totals, return_inverse=True)
    seen = np.zeros(int(counts.max(initial=0)) + 1, dtype=bool)
    seen[counts] = True
    c_values = np.flatnonzero(seen)
    pair = t_rank_of_row.ravel()[row_of] * len(c_values) + (np.cumsum(seen) - 1)[counts]
    if len(t_values) * len(c_values) > PAIR_MASK_ELEMENTS:
        flat, inverse = np.unique(pair, return_inverse=True)
    else:
        present = np.zeros(len(t_values) * len(c_values), dtype=bool)
        present[pair] = True
        flat = np.flatnonzero(present)
        inverse = (np.cumsum(present) - 1)[pair]
    return t_values[flat // len(c_values)], c_values[flat % len(c_values)], inverse.ravel()


def rarefied_entropy(counts: np.ndarray | sparse.spmatrix, m: int) -> np.ndarray:
    """Expected Shannon entropy (nats) of a random subsample of m items without replacement, per row.

    Classical rarefaction (Sanders 1968; Hurlbert 1971), computed exactly with the hypergeometric
    distribution: a random m-subset of a random sample is a random m-sample, so groups of any size are
    compared at the same depth. NaN where a row has fewer than m items (the depth is not reachable).
    """
    if sparse.issparse(counts):
        c = sparse.csr_matrix(counts)
        totals = np.rint(np.asarray(c.sum(axis=1)).ravel()).astype(np.int64)
        coo = c.tocoo()
        keep = coo.data > 0
        rows, vals = coo.row[keep], coo.data[keep]
    else:  # dense (bootstrap replicates x vocabulary): its non-zeros in row-major order, as a CSR would list them
        c = np.asarray(counts, dtype=float)
        totals = np.rint(c.sum(axis=1)).astype(np.int64)
        rows, cols = np.nonzero(c > 0)
        vals = c[rows, cols]
    vals = np.rint(vals).astype(np.int64)
    ok_rows = totals >= m
    sel = ok_rows[rows]
    out = np.zeros(len(totals))
    if sel.any():
        pair_totals, pair_counts, inverse = _distinct_pairs(rows[sel], totals, vals[sel])
        terms = _plugin_terms(pair_totals, pair_counts, m)[inverse]
        np.add.at(out, rows[sel], terms)
    out[~ok_rows] = np.nan
    return out


def shannon_entropy(counts: np.ndarray) -> np.ndarray:
    """Plug-in Shannon entropy (nats) per row; NaN for empty rows."""
    c = np.asarray(counts, dtype=float)
    totals = c.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = c / totals
        h = -np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0).sum(axis=1)
    h[totals.ravel() <= 0] = np.nan
    return h


def hill_number(counts: np.ndarray) -> np.ndarray:
    """Effective number of categories, exp(Shannon entropy) (Hill number of order 1)."""
    return np.exp(shannon_entropy(counts))
