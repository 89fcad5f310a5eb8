"""A seeded 2-D map of context embeddings (x, y per mention) for the usage-map figure; works from n = 1."""

from __future__ import annotations

import numpy as np

METHODS = ("auto", "tsne", "umap", "pca")
#: Below this many points a neighbour embedding (t-SNE, UMAP) means little: PCA is used instead.
MIN_NEIGHBOUR_N = 20
#: `auto` uses t-SNE up to this many points (seconds, no compilation) and UMAP above it, where UMAP's one-off
#: numba compilation (about 25 s a process) is repaid by its speed on many points.
AUTO_TSNE_MAX = 5000


def project_2d(embeddings: np.ndarray, seed: int, method: str = "auto") -> np.ndarray:
    """Coordinates of shape (n, 2), seeded: t-SNE or UMAP (cosine) from MIN_NEIGHBOUR_N points, else PCA.

    n = 1 maps to the origin; with n = 2 the second axis is 0."""
    if method not in METHODS:
        raise ValueError(f"projection method must be one of {METHODS}, got {method!r}")
    x = np.asarray(embeddings, dtype=np.float32)
    if x.ndim != 2:
        raise ValueError(f"embeddings must be a 2-D array, got shape {x.shape}")
    n = len(x)
    out = np.zeros((n, 2), dtype=np.float64)
    if n < 2 or np.allclose(x, x[0]):
        return out
    if method == "auto":
        method = "tsne" if n <= AUTO_TSNE_MAX else "umap"
    if method == "tsne" and n >= MIN_NEIGHBOUR_N:
        from sklearn.manifold import TSNE

        reducer = TSNE(n_components=2, metric="cosine", init="pca", perplexity=min(30.0, (n - 1) / 3),
                       random_state=seed, n_jobs=1)
        return reducer.fit_transform(x).astype(np.float64)
    if method == "umap" and n >= MIN_NEIGHBOUR_N:
        from umap import UMAP

        reducer = UMAP(n_components=2, n_neighbors=max(2, min(15, n - 1)), min_dist=0.1, metric="cosine",
                       init="random", random_state=seed, n_jobs=1)
        return reducer.fit_transform(x).astype(np.float64)
    from sklearn.decomposition import PCA

    k = min(2, n - 1, x.shape[1])
    out[:, :k] = PCA(n_components=k, random_state=seed).fit_transform(x)
    return out
