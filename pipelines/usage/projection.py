"""A seeded 2-D map of context embeddings (x, y per mention) for the usage-map figure; works from n = 1."""

from __future__ import annotations

import numpy as np

#: Below this many points UMAP's neighbour graph is too thin to mean much: PCA is used instead.
MIN_UMAP_N = 20


def project_2d(embeddings: np.ndarray, seed: int, method: str = "umap") -> np.ndarray:
    """Coordinates of shape (n, 2): UMAP (cosine, seeded) when `method` is "umap" and n >= MIN_UMAP_N, else PCA.

    n = 1 maps to the origin; with n = 2 the second axis is 0."""
    if method not in ("umap", "pca"):
        raise ValueError(f"projection method must be 'umap' or 'pca', got {method!r}")
    x = np.asarray(embeddings, dtype=np.float32)
    if x.ndim != 2:
        raise ValueError(f"embeddings must be a 2-D array, got shape {x.shape}")
    n = len(x)
    out = np.zeros((n, 2), dtype=np.float64)
    if n < 2 or np.allclose(x, x[0]):
        return out
    if method == "umap" and n >= MIN_UMAP_N:
        from umap import UMAP

        reducer = UMAP(n_components=2, n_neighbors=max(2, min(15, n - 1)), min_dist=0.1, metric="cosine",
                       init="random", random_state=seed, n_jobs=1)
        return reducer.fit_transform(x).astype(np.float64)
    from sklearn.decomposition import PCA

    k = min(2, n - 1, x.shape[1])
    out[:, :k] = PCA(n_components=k, random_state=seed).fit_transform(x)
    return out
