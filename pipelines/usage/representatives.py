"""Representative contexts of a cluster: close to its centroid, never the same text twice, and diverse.

Candidates are the cluster's contexts nearest its centroid (cosine, original embeddings); picked greedily by
maximal marginal relevance (Carbonell & Goldstein 1998): relevance to the centroid minus redundancy with what
was already picked, skipping a text whose whitespace/case-normalised form was already picked or whose cosine to
a pick is at least NEAR_DUPLICATE.
"""

from __future__ import annotations

import numpy as np

NEAR_DUPLICATE = 0.95
CANDIDATES = 50
DIVERSITY = 0.3  # weight of redundancy against relevance


def _norm(text: str) -> str:
    return " ".join(str(text).lower().split())


def representatives(texts: list[str], embeddings: np.ndarray, n: int = 3) -> list[str]:
    """Up to `n` distinct, diverse texts of one cluster (`texts` with one unit-length embedding row each)."""
    if not texts:
        return []
    x = np.asarray(embeddings, dtype=np.float64)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    centroid = x.mean(axis=0)
    centroid /= max(np.linalg.norm(centroid), 1e-12)
    relevance = x @ centroid
    order = np.lexsort((np.arange(len(texts)), -relevance))[:CANDIDATES]
    picked: list[int] = []
    seen: set[str] = set()
    pool = [int(i) for i in order]
    while pool and len(picked) < n:
        best, best_score = None, -np.inf
        for i in pool:
            redundancy = max((float(x[i] @ x[j]) for j in picked), default=0.0)
            if _norm(texts[i]) in seen or redundancy >= NEAR_DUPLICATE:
                continue
            score = (1 - DIVERSITY) * relevance[i] - DIVERSITY * redundancy
            if score > best_score:
                best, best_score = i, score
        if best is None:
            break
        picked.append(best)
        seen.add(_norm(texts[best]))
        pool.remove(best)
    return [texts[i] for i in picked]
