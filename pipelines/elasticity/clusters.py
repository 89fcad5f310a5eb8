"""When the usage clustering carries no information for the index: one cluster, or one cluster and strays.

A clustering that puts almost every mention in one cluster (on real text: 402 of 403 mentions, the other a
stray line) would score every group near 0 and drag every index down; its score is undefined instead.
The usage package states its own verdict (`clusters_degenerate` in metrics/usage.json; `degenerate` of a fitted
model, used for ad-hoc passage sets); `is_degenerate` is the rule when no verdict is given.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from pipelines.io import read_json_object
from pipelines.paths import Paths

#: A cluster counts as structure only with at least this share of the mentions (and at least 2 of them).
MIN_CLUSTER_SHARE = 0.05
USAGE_METRICS = "usage"


def is_degenerate(labels: Iterable) -> bool:
    """Fewer than two clusters (HDBSCAN noise, label -1, not counted) holding >= 5% and >= 2 of the mentions."""
    values = [v for v in labels if v is not None and not (isinstance(v, float) and np.isnan(v))]
    if not values:
        return True
    _, counts = np.unique(np.asarray([str(v) for v in values if str(v) != "-1"]), return_counts=True)
    floor = max(2.0, MIN_CLUSTER_SHARE * len(values))
    return int((counts >= floor).sum()) < 2


def fit_clusters(texts: list[str], embeddings: np.ndarray, cfg) -> tuple[np.ndarray, bool]:
    """Usage clusters of ad-hoc mention contexts, fit as the usage stage fits them (`usage:` params), and the
    clustering's own verdict on whether it is degenerate."""
    from pipelines.usage.clusters import cluster_settings, fit_usage_model
    from pipelines.usage.settings import UsageParams

    settings = cluster_settings(cfg.section("usage", UsageParams))
    model = fit_usage_model(texts, embeddings, cfg.seed, settings=settings)
    return np.asarray(model.labels), bool(model.degenerate)


def stage_verdict(paths: Paths) -> bool | None:
    """`clusters_degenerate` from the usage stage's metrics, or None when the file or the key is absent."""
    value = read_json_object(paths.metrics / f"{USAGE_METRICS}.json").get("clusters_degenerate")
    return None if value is None else bool(value)
