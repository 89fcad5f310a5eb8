"""Usage clusters of mention contexts, from one context to 50,000, on precomputed (MiniLM) embeddings.

k-means in a PCA-reduced space (`partition.py`), fit on a bounded seeded sample and assigned to every context by
nearest centroid; k chosen over a stated range by a stated criterion (`kselect.py`: stability across seeds, or
silhouette); clusters below a minimum size dissolved, so one odd line never becomes a cluster of its own. The
stability of the result is reported as the mean pairwise adjusted Rand index over fresh seeds (not the seeds
that chose k), and a clustering with one cluster or a dominant one is flagged `degenerate`. Topic terms are
BERTopic's c-TF-IDF over noun phrases (`phrases.py`, when a spaCy pipeline is given), representatives distinct
and diverse (`representatives.py`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from pipelines.usage.kselect import KScore, KSettings, choose_k, fit_space, k_range, mean_pairwise_ari, score_k, \
    seed_labels
from pipelines.usage.labels import ctfidf_words, ranked_terms
from pipelines.usage.partition import PartitionSettings, relabel_by_size, sample_rows
from pipelines.usage.phrases import distinct_phrases, parse_phrases, phrase_counts, vocabulary
from pipelines.usage.representatives import representatives

log = logging.getLogger(__name__)

TOP_WORDS = 10
TOPIC_COLUMNS = ["topic", "size", "label", "words", "is_outlier", "method", "representatives"]
#: the reported ARI uses seeds this far from the ones that chose k, so it is not the maximum of noisy estimates
REPORT_SEED_OFFSET = 1000


@dataclass(frozen=True)
class ClusterSettings:
    """Everything that shapes the clusters (from the `usage.cluster_*` params: `cluster_settings`)."""

    k: KSettings = field(default_factory=KSettings)
    max_share: float = 0.7
    label_phrases: int = 3
    representatives: int = 3
    phrase_min_df: int = 2
    label_sample: int = 2000


@dataclass
class UsageModel:
    """Cluster label per text, the topic table, and how the clusters were found."""

    labels: np.ndarray
    topics: pd.DataFrame
    method: str
    criterion: str
    k_scores: list[KScore]
    ari_seeds: float  # NaN when there is one cluster (undefined, never 0)
    silhouette: float
    degenerate: bool
    phrases: list[str] | None  # the label vocabulary (None: single words)

    @property
    def n_clusters(self) -> int:
        return len(set(self.labels.tolist()))

    @property
    def largest_share(self) -> float:
        return float(np.bincount(self.labels).max() / len(self.labels)) if len(self.labels) else float("nan")

    def metrics(self) -> dict:
        """The clustering's entries of metrics/usage.json."""
        return {
            "n_clusters": self.n_clusters,
            "n_outliers": 0,
            "cluster_method": self.method,
            "cluster_k_criterion": self.criterion,
            "cluster_ari_seeds": self.ari_seeds,
            "cluster_silhouette": self.silhouette,
            "clusters_degenerate": self.degenerate,
            "largest_cluster_share": self.largest_share,
            "cluster_k_scores": {str(s.k): {"ari": s.ari, "silhouette": s.silhouette, "n_found": s.n_found}
                                 for s in self.k_scores},
        }


def _validate(texts: list[str], embeddings: np.ndarray) -> np.ndarray:
    n = len(texts)
    x = np.asarray(embeddings, dtype=np.float64)
    if n == 0:
        raise ValueError("fit_usage_clusters needs at least one text")
    if x.ndim != 2 or x.shape[0] != n:
        raise ValueError(f"embeddings must have shape ({n}, dim), got {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError("embeddings contain NaN or infinite values")
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _cluster(x: np.ndarray, seed: int, settings: ClusterSettings):
    """Labels, method, k scores, reported ARI, silhouette, fit-sample rows."""
    ks = settings.k
    space = fit_space(x, seed, ks.partition)
    single = np.zeros(len(x), dtype=int)
    if np.allclose(x, x[0], atol=1e-6):
        return single, "single", [], float("nan"), float("nan"), space.rows
    scored = [score_k(space, k, seed, ks) for k in k_range(len(x), ks)]
    chosen = choose_k([s for s, _ in scored], ks)
    if chosen is None:
        return single, "single", [s for s, _ in scored], float("nan"), float("nan"), space.rows
    main = dict((s.k, p) for s, p in scored)[chosen.k]
    labels = relabel_by_size(main.assign(x))
    ari = mean_pairwise_ari(seed_labels(space, chosen.k, seed + REPORT_SEED_OFFSET, ks))
    return labels, "kmeans", [s for s, _ in scored], ari, chosen.silhouette, space.rows


def _describe(texts: list[str], x: np.ndarray, labels: np.ndarray, rows: np.ndarray, exclude: set[str],
              top_n: int, settings: ClusterSettings, nlp, seed: int, phrase_cache: Path | None = None,
              ) -> tuple[dict, dict, list[str] | None]:
    """c-TF-IDF terms (noun phrases with `nlp`, else single words) and representatives per cluster."""
    ids = sorted(set(labels.tolist()))
    phrases = None
    if nlp is not None:  # noun-phrase counts from (a seeded sample of) the parsed fit sample
        rows = rows[sample_rows(len(rows), settings.label_sample, seed)]
        lists = parse_phrases(nlp, [texts[i] for i in rows], exclude, phrase_cache)
        phrases = vocabulary(lists, settings.phrase_min_df if len(rows) >= 20 else 1)
        position = {t: j for j, t in enumerate(ids)}
        counts = phrase_counts(lists, [position[int(labels[i])] for i in rows], phrases)
        if counts.shape[0] < len(ids):  # the last clusters have no row in the label sample: no terms for them
            counts.resize((len(ids), counts.shape[1]))
        words = dict(zip(ids, ranked_terms(counts, phrases, top_n)))
    else:
        groups = [" \n ".join(texts[i] for i in np.flatnonzero(labels == t)) for t in ids]
        words = dict(zip(ids, ctfidf_words(groups, top_n, exclude)))
    reps = {}
    for t in ids:
        members = np.flatnonzero(labels == t)
        reps[t] = representatives([texts[i] for i in members], x[members], settings.representatives)
    return words, reps, phrases


def fit_usage_model(
    texts: list[str], embeddings: np.ndarray, seed: int, exclude_words: Iterable[str] = (), top_n: int = TOP_WORDS,
    settings: ClusterSettings | None = None, nlp=None, phrase_cache: Path | None = None,
) -> UsageModel:
    """Clusters and topic table for `texts` (n >= 1) with one embedding row per text; the same inputs and seed
    give the same result. `nlp` (a spaCy pipeline with a parser) makes topic terms noun phrases; `phrase_cache` (a
    folder) keeps the contexts' phrases between runs."""
    settings = settings or ClusterSettings()
    texts = [str(t) for t in texts]
    x = _validate(texts, embeddings)
    labels, method, k_scores, ari, sil, rows = _cluster(x, seed, settings)
    n_clusters = len(set(labels.tolist()))
    share = float(np.bincount(labels).max() / len(labels))
    degenerate = n_clusters < 2 or share > settings.max_share
    if degenerate:
        log.warning("usage clusters are degenerate: %d cluster(s), the largest holds %.0f%% of %d contexts",
                    n_clusters, 100 * share, len(labels))
    words, reps, phrases = _describe(texts, x, labels, rows, set(exclude_words), top_n, settings, nlp, seed,
                                     phrase_cache)
    rows_out = []
    for t in sorted(words):
        top = words[t]
        label = ", ".join(distinct_phrases(top, settings.label_phrases)) if top else "(no content words)"
        rows_out.append({"topic": t, "size": int((labels == t).sum()), "label": label, "words": top,
                         "is_outlier": False, "method": method, "representatives": reps[t]})
    return UsageModel(labels=labels, topics=pd.DataFrame(rows_out, columns=TOPIC_COLUMNS), method=method,
                      criterion=settings.k.criterion, k_scores=k_scores, ari_seeds=ari, silhouette=sil,
                      degenerate=degenerate, phrases=phrases)


def fit_usage_clusters(
    texts: list[str], embeddings: np.ndarray, seed: int, *, exclude_words: Iterable[str] = (),
    settings: ClusterSettings | None = None,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Cluster label per text (0, 1, ... by decreasing size) and the topic table (topic, size, label, words, ...).

    Works for any n >= 1; the same inputs and seed give the same labels."""
    model = fit_usage_model(texts, embeddings, seed, exclude_words, settings=settings)
    return model.labels, model.topics


def cluster_settings(params) -> ClusterSettings:
    """ClusterSettings from the `usage:` params (`UsageParams`)."""
    return ClusterSettings(
        k=KSettings(k_min=params.cluster_k_min, k_max=params.cluster_k_max, criterion=params.cluster_criterion,
                    n_seeds=params.cluster_seeds, subsample=params.cluster_subsample,
                    min_ari=params.cluster_min_ari,
                    partition=PartitionSettings(reduce_dims=params.cluster_reduce_dims,
                                                fit_sample=params.cluster_fit_sample,
                                                min_size=params.cluster_min_size)),
        max_share=params.cluster_max_share, label_phrases=params.label_phrases,
        representatives=params.representatives, phrase_min_df=params.phrase_min_df,
        label_sample=params.label_sample,
    )
