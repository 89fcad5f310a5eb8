"""How many usage clusters: score every k in a range by stability across seeds (adjusted Rand index) or by
silhouette, and pick k by a stated rule.

Stability of k: `n_seeds` partitions, each with its own seed for the k-means start and for its own fit sample
(drawn from all contexts when there are more than `fit_sample`; optionally cut to a `subsample` share, a stricter
perturbation), all in the one PCA projection, each assigning the main fit sample; the score is the mean pairwise
adjusted Rand index (ARI) of those labels: how far the clusters are the same whichever seed is used. A k that only splits noise gives different partitions from seed to seed and scores low.
Rule "stability": among the k reproducible across seeds (ARI >= `min_ari`), the one with the best silhouette (the
most separated of the reproducible partitions); when no k is reproducible, the most reproducible one. Rule
"silhouette": the best silhouette alone. Silhouettes are cosine-ranked, on the fit sample in the reduced space.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from pipelines.usage.partition import Partition, PartitionSettings, Projection, fit_partition, fit_projection, sample_rows

CRITERIA = ("stability", "silhouette")
#: silhouettes are computed on at most this many rows of the fit sample (quadratic cost)
SILHOUETTE_ROWS = 2000


@dataclass(frozen=True)
class KSettings:
    """The k range, the criterion and the stability design (mirrors the `usage.cluster_*` params)."""

    k_min: int = 2
    k_max: int = 8
    criterion: str = "stability"
    n_seeds: int = 5
    subsample: float = 1.0
    min_ari: float = 0.9
    partition: PartitionSettings = field(default_factory=PartitionSettings)

    def __post_init__(self):
        if self.criterion not in CRITERIA:
            raise ValueError(f"cluster criterion must be one of {CRITERIA}, got {self.criterion!r}")
        if not 2 <= self.k_min <= self.k_max:
            raise ValueError(f"need 2 <= k_min <= k_max, got {self.k_min}..{self.k_max}")
        if self.n_seeds < 2:
            raise ValueError(f"stability needs at least 2 seeds, got {self.n_seeds}")
        if not 0 < self.subsample <= 1:
            raise ValueError(f"subsample must be in (0, 1], got {self.subsample}")


@dataclass
class KScore:
    """Scores of one k: mean pairwise ARI across seeds, and silhouette of the main-seed partition."""

    k: int
    ari: float
    silhouette: float
    n_found: int  # clusters left after small ones were dissolved (main seed)


@dataclass
class FitSpace:
    """The fit sample (row indices), the projection fit on it, and the projected sample."""

    rows: np.ndarray
    projection: Projection
    z: np.ndarray
    embeddings: np.ndarray  # all contexts (each stability seed draws its own fit sample from them)


def fit_space(embeddings: np.ndarray, seed: int, settings: PartitionSettings) -> FitSpace:
    """A seeded fit sample of at most `fit_sample` rows and its PCA projection."""
    rows = sample_rows(len(embeddings), settings.fit_sample, seed)
    projection = fit_projection(np.asarray(embeddings)[rows], settings.reduce_dims)
    return FitSpace(rows=rows, projection=projection, z=projection(np.asarray(embeddings)[rows]),
                    embeddings=np.asarray(embeddings))


def seed_labels(space: FitSpace, k: int, seed: int, settings: KSettings) -> list[np.ndarray]:
    """Labels of the main fit sample from `n_seeds` partitions, seed i with its own start and fit sample."""
    n = len(space.embeddings)
    size = max(2, int(round(min(n, settings.partition.fit_sample) * settings.subsample)))
    out = []
    for i in range(settings.n_seeds):
        s = seed + 1 + i
        rows = sample_rows(n, size, s)
        part = fit_partition(space.projection(space.embeddings[rows]), space.projection, k, s, settings.partition)
        out.append((space.z @ part.centroids.T).argmax(axis=1))
    return out


def mean_pairwise_ari(labelings: list[np.ndarray]) -> float:
    """Mean adjusted Rand index over all pairs of labelings (1.0 when every pair is identical)."""
    from sklearn.metrics import adjusted_rand_score

    pairs = list(combinations(range(len(labelings)), 2))
    if not pairs:
        return float("nan")
    return float(np.mean([adjusted_rand_score(labelings[a], labelings[b]) for a, b in pairs]))


def silhouette(z: np.ndarray, labels: np.ndarray, seed: int) -> float:
    """Silhouette (Euclidean on unit rows, i.e. cosine-ranked) on at most SILHOUETTE_ROWS rows; NaN below 2 clusters."""
    from sklearn.metrics import silhouette_score

    k = len(set(labels.tolist()))
    if k < 2 or k >= len(labels):
        return float("nan")
    rows = sample_rows(len(z), SILHOUETTE_ROWS, seed)
    if len(set(labels[rows].tolist())) < 2:
        return float("nan")
    return float(silhouette_score(z[rows], labels[rows]))


def k_range(n: int, settings: KSettings) -> range:
    """The k tried for n contexts: k_min..k_max, capped so that every cluster can reach min_size."""
    top = min(settings.k_max, n // max(1, settings.partition.min_size), n - 1)
    return range(settings.k_min, top + 1)


def score_k(space: FitSpace, k: int, seed: int, settings: KSettings) -> tuple[KScore, Partition]:
    """Stability and silhouette of one k, and the main-seed partition fit on the whole fit sample."""
    main = fit_partition(space.z, space.projection, k, seed, settings.partition)
    sil = silhouette(space.z, (space.z @ main.centroids.T).argmax(axis=1), seed)
    ari = mean_pairwise_ari(seed_labels(space, k, seed, settings)) if settings.criterion == "stability" \
        else float("nan")
    return KScore(k=k, ari=ari, silhouette=sil, n_found=len(main.centroids)), main


def choose_k(scores: list[KScore], settings: KSettings) -> KScore | None:
    """The chosen k by the criterion (None when no k has a finite score: one cluster)."""
    key = "ari" if settings.criterion == "stability" else "silhouette"
    valid = [s for s in scores if np.isfinite(getattr(s, key)) and s.n_found >= 2]
    if not valid:
        return None
    if settings.criterion == "stability":
        stable = [s for s in valid if s.ari >= settings.min_ari and np.isfinite(s.silhouette)]
        if not stable:
            return max(valid, key=lambda s: (s.ari, -s.k))
        return max(stable, key=lambda s: (s.silhouette, -s.k))
    return max(valid, key=lambda s: (s.silhouette, -s.k))
