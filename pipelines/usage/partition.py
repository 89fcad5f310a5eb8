"""Seeded k-means partitions of context embeddings, fit on a bounded sample and assigned to every context.

The fit sample is a seeded sample of at most `fit_sample` rows; a PCA to `reduce_dims` dimensions is fit on it
once (`Projection`, rows re-normalised to unit length so Euclidean k-means ranks like cosine). A `Partition` is
k-means with `k` clusters on (a subsample of) the projected fit sample, clusters smaller than `min_size`
dissolved into their nearest surviving centroid, and every row assigned to its nearest centroid. Fitting on a sample keeps 50,000 contexts fast; assignment is one matrix product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PartitionSettings:
    """How a partition is fit (mirrors the `usage.cluster_*` params)."""

    reduce_dims: int = 5
    fit_sample: int = 5000
    min_size: int = 5
    n_init: int = 10


@dataclass
class Projection:
    """PCA axes fit on the fit sample (None: no reduction); rows are re-normalised to unit length after it."""

    mean: np.ndarray
    components: np.ndarray | None  # (dims, d)

    def __call__(self, embeddings: np.ndarray) -> np.ndarray:
        x = np.asarray(embeddings, dtype=np.float64)
        if self.components is not None:
            x = (x - self.mean) @ self.components.T
        return _unit(x)


@dataclass
class Partition:
    """A fitted partition: the projection and centroids that assign any embedding to a cluster."""

    projection: Projection
    centroids: np.ndarray  # (k, dims), unit rows

    def assign(self, embeddings: np.ndarray, chunk: int = 20000) -> np.ndarray:
        """Nearest centroid (highest cosine) per row, in chunks so memory stays bounded."""
        out = np.empty(len(embeddings), dtype=int)
        for a in range(0, len(embeddings), chunk):
            out[a : a + chunk] = (self.projection(embeddings[a : a + chunk]) @ self.centroids.T).argmax(axis=1)
        return out


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms > 0, norms, 1.0)


def sample_rows(n: int, size: int, seed: int) -> np.ndarray:
    """Sorted indices of a seeded sample of min(n, size) of n rows (all rows when n <= size)."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def fit_projection(embeddings: np.ndarray, dims: int) -> Projection:
    """PCA of `embeddings` (the fit sample) to `dims` axes by SVD, signs fixed so the same data give the same axes;
    no reduction when dims is 0 or not below the embedding width."""
    x = np.asarray(embeddings, dtype=np.float64)
    mean = x.mean(axis=0)
    dims = min(dims, len(x) - 1)
    if dims < 1 or dims >= x.shape[1]:
        return Projection(mean=mean, components=None)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    vt = vt[:dims]
    vt *= np.where(vt[np.arange(dims), np.abs(vt).argmax(axis=1)] < 0, -1.0, 1.0)[:, None]
    return Projection(mean=mean, components=vt)


def fit_partition(z: np.ndarray, projection: Projection, k: int, seed: int, settings: PartitionSettings) -> Partition:
    """k-means with `k` clusters on projected rows `z` (seeded); clusters below min_size are dissolved."""
    from sklearn.cluster import KMeans

    k = max(1, min(k, len(np.unique(z.round(6), axis=0))))
    km = KMeans(n_clusters=k, n_init=settings.n_init, random_state=seed).fit(z)
    centroids = _unit(km.cluster_centers_)
    labels = km.labels_
    # dissolve clusters below min_size (never the last one): their rows go to the nearest surviving centroid
    while len(centroids) > 1:
        sizes = np.bincount(labels, minlength=len(centroids))
        small = int(sizes.argmin())
        if sizes[small] >= settings.min_size:
            break
        centroids = np.delete(centroids, small, axis=0)
        labels = (z @ centroids.T).argmax(axis=1)
    return Partition(projection=projection, centroids=centroids)


def relabel_by_size(labels: np.ndarray) -> np.ndarray:
    """Cluster ids 0, 1, ... by decreasing size (ties by first appearance)."""
    labels = np.asarray(labels, dtype=int)
    ids = list(dict.fromkeys(labels.tolist()))
    ids.sort(key=lambda t: -int((labels == t).sum()))
    mapping = {t: i for i, t in enumerate(ids)}
    return np.array([mapping[t] for t in labels.tolist()], dtype=int)
