"""Usage clusters of mention contexts with BERTopic on precomputed embeddings, for any number of contexts.

Large inputs (n >= 20): UMAP sized from n (seeded) + HDBSCAN sized from n, checked against a partition of the
same embeddings. Small inputs, or an HDBSCAN result that is unconvincing (fewer than two clusters, more than a
quarter of the contexts left as outliers, or a clearly worse cosine silhouette than the partition, i.e. merged or
split usages): agglomerative clustering (average linkage on cosine distance) with k chosen by silhouette, one
cluster when no k > 1 reaches MIN_SILHOUETTE. Either way BERTopic labels the clusters with c-TF-IDF words free of
stop words, so topic tables look the same whichever path ran.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from pipelines.usage.labels import has_vocabulary, make_vectorizer

log = logging.getLogger(__name__)

#: Below this many contexts UMAP + HDBSCAN is not attempted (HDBSCAN marks everything as noise at n <= 12).
MIN_DENSITY_N = 20
#: Partition path: largest k tried, and the cosine silhouette a split must reach to beat a single cluster.
MAX_K = 8
MIN_SILHOUETTE = 0.05
#: HDBSCAN is replaced by the partition when it leaves more than this share of contexts as outliers ...
MAX_OUTLIER_SHARE = 0.25
#: ... or when the partition's cosine silhouette beats HDBSCAN's (on its clustered contexts) by more than this.
SILHOUETTE_MARGIN = 0.05
TOP_WORDS = 10
TOPIC_COLUMNS = ["topic", "size", "label", "words", "is_outlier", "method", "representatives"]


@dataclass
class UsageModel:
    """Cluster label per text, the topic table, and how the clusters were found."""

    labels: np.ndarray
    topics: pd.DataFrame
    method: str


def umap_params(n: int, seed: int) -> dict:
    """UMAP settings sized from n so that small inputs never ask for more neighbours than points."""
    return {
        "n_neighbors": max(2, min(15, n - 1)),
        "n_components": max(1, min(5, n - 2)),
        "min_dist": 0.0,
        "metric": "cosine",
        "init": "random",
        "random_state": seed,
        "n_jobs": 1,  # a seeded UMAP runs single-threaded anyway; saying so silences its warning
    }


def hdbscan_params(n: int) -> dict:
    """HDBSCAN settings sized from n: clusters of about a tenth of the data, at least 3 and at most 15."""
    size = max(3, min(15, n // 10))
    return {"min_cluster_size": size, "min_samples": max(1, size // 2), "metric": "euclidean",
            "cluster_selection_method": "eom", "prediction_data": False}


def _density_labels(embeddings: np.ndarray, seed: int) -> np.ndarray:
    from hdbscan import HDBSCAN
    from umap import UMAP

    n = len(embeddings)
    reduced = UMAP(**umap_params(n, seed)).fit_transform(embeddings)
    return HDBSCAN(**hdbscan_params(n)).fit_predict(reduced)


def cosine_silhouette(embeddings: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette on cosine distance over the clustered (label >= 0) rows; NaN with fewer than two clusters."""
    from sklearn.metrics import silhouette_score

    keep = labels >= 0
    k = len(set(labels[keep].tolist()))
    if k < 2 or k >= int(keep.sum()):
        return float("nan")
    return float(silhouette_score(embeddings[keep], labels[keep], metric="cosine"))


def _partition_labels(embeddings: np.ndarray) -> tuple[np.ndarray, float]:
    """Average-linkage agglomerative clusters on cosine distance, k in 2..MAX_K by best silhouette.

    Deterministic (no random start), so a seed is not needed. One cluster (score NaN) when the contexts are
    identical or no k > 1 reaches MIN_SILHOUETTE.
    """
    from sklearn.cluster import AgglomerativeClustering

    n = len(embeddings)
    single = np.zeros(n, dtype=int)
    if n < 3 or np.allclose(embeddings, embeddings[0], atol=1e-6):
        return single, float("nan")
    best, best_score = single, float("nan")
    for k in range(2, min(MAX_K, n - 1) + 1):
        labels = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(embeddings)
        score = cosine_silhouette(embeddings, labels)
        better = not np.isfinite(best_score) or score > best_score + 1e-9
        if np.isfinite(score) and score >= MIN_SILHOUETTE and better:
            best, best_score = labels, score
    return best, best_score


def _density_is_worse(embeddings: np.ndarray, density: np.ndarray, partition_score: float) -> str | None:
    """Why the HDBSCAN labels should give way to the partition (None: keep them)."""
    found = len(set(density.tolist()) - {-1})
    if found < 2:
        return "fewer than two clusters"
    share = float((density == -1).mean())
    if share > MAX_OUTLIER_SHARE:
        return f"{share:.0%} outliers"
    score = cosine_silhouette(embeddings, density)
    if np.isfinite(partition_score) and (not np.isfinite(score) or partition_score > score + SILHOUETTE_MARGIN):
        return f"silhouette {score:.3f} against {partition_score:.3f} for the partition"
    return None


def _relabel_by_size(labels: np.ndarray) -> np.ndarray:
    """Topic ids 0, 1, ... by decreasing size (ties by first appearance); -1 (noise) stays -1."""
    ids = [t for t in dict.fromkeys(labels.tolist()) if t != -1]
    ids.sort(key=lambda t: -int((labels == t).sum()))
    mapping = {t: i for i, t in enumerate(ids)} | {-1: -1}
    return np.array([mapping[t] for t in labels.tolist()], dtype=int)


def _describe(texts: list[str], labels: np.ndarray, embeddings: np.ndarray, exclude_words: set[str], top_n: int):
    """BERTopic (manual mode: the clusters are given) for c-TF-IDF words and representative contexts."""
    from bertopic import BERTopic
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction

    words: dict[int, list[str]] = {int(t): [] for t in set(labels.tolist())}
    reps: dict[int, list[str]] = {t: [] for t in words}
    if not has_vocabulary(texts, exclude_words):
        for t in words:
            reps[t] = [texts[i] for i in np.flatnonzero(labels == t)[:3]]
        return words, reps
    model = BERTopic(
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=BaseCluster(),
        vectorizer_model=make_vectorizer(exclude_words),
        top_n_words=top_n,
        calculate_probabilities=False,
        verbose=False,
    )
    topics, _ = model.fit_transform(texts, embeddings, y=labels)
    # BERTopic renumbers by size; map its ids back to ours through the documents.
    ours_of = {int(b): int(a) for a, b in zip(labels.tolist(), topics)}
    for theirs, ours in ours_of.items():
        pairs = model.get_topic(theirs) or []
        words[ours] = [w for w, score in pairs if w and score > 0]
        reps[ours] = list((model.get_representative_docs(theirs) or [])[:3])
    return words, reps


def fit_usage_model(
    texts: list[str], embeddings: np.ndarray, seed: int, exclude_words: Iterable[str] = (), top_n: int = TOP_WORDS
) -> UsageModel:
    """Clusters and topic table for `texts` (n >= 1) with one embedding row per text."""
    n = len(texts)
    embeddings = np.asarray(embeddings, dtype=np.float32)
    if n == 0:
        raise ValueError("fit_usage_clusters needs at least one text")
    if embeddings.ndim != 2 or embeddings.shape[0] != n:
        raise ValueError(f"embeddings must have shape ({n}, dim), got {embeddings.shape}")
    if not np.isfinite(embeddings).all():
        raise ValueError("embeddings contain NaN or infinite values")
    method, labels = "single", np.zeros(n, dtype=int)
    if n >= 3:
        partition, score = _partition_labels(embeddings)
        if len(set(partition.tolist())) > 1:
            method, labels = "agglomerative", partition
        if n >= MIN_DENSITY_N:
            density = _density_labels(embeddings, seed)
            why = _density_is_worse(embeddings, density, score)
            if why is None:
                method, labels = "umap_hdbscan", density
            else:
                log.info("HDBSCAN on %d contexts: %s; using the %s clusters", n, why, method)
    labels = _relabel_by_size(np.asarray(labels, dtype=int))
    words, reps = _describe([str(t) for t in texts], labels, embeddings, set(exclude_words), top_n)
    rows = []
    for t in sorted(words, key=lambda t: (t == -1, t)):
        top = words[t]
        label = ", ".join(top[:3]) if top else "(no content words)"
        rows.append({
            "topic": t, "size": int((labels == t).sum()), "label": ("outliers: " + label) if t == -1 else label,
            "words": top, "is_outlier": t == -1, "method": method, "representatives": reps[t],
        })
    return UsageModel(labels=labels, topics=pd.DataFrame(rows, columns=TOPIC_COLUMNS), method=method)


def fit_usage_clusters(
    texts: list[str], embeddings: np.ndarray, seed: int, *, exclude_words: Iterable[str] = ()
) -> tuple[np.ndarray, pd.DataFrame]:
    """Cluster label per text (-1 = HDBSCAN noise) and the topic table (topic, size, label, words, ...).

    Works for any n >= 1; the same inputs and seed give the same labels."""
    model = fit_usage_model(texts, embeddings, seed, exclude_words)
    return model.labels, model.topics
