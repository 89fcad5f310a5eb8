"""Prior correction for classifiers trained with balanced classes: real corpora are not balanced, so a label's
probability is multiplied by its weight (default 1) and each row renormalised (`senses.prior_weights`,
`levels.prior_weights`)."""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np


def check_prior_weights(weights: Mapping[str, float], labels: Sequence[str], what: str) -> dict[str, float]:
    """`weights` as given, or ValueError naming an unknown label (`what`: "sense", "level") or a weight <= 0."""
    bad = [k for k in weights if k not in labels]
    if bad:
        raise ValueError(f"unknown {what}(s) {bad}; the {what}s are {list(labels)}")
    if any(w <= 0 for w in weights.values()):
        raise ValueError("prior weights must be > 0")
    return dict(weights)


def reweight(proba: np.ndarray, weights: Mapping[str, float], labels: Sequence[str]) -> np.ndarray:
    """Rows of `proba` (columns in `labels` order) times each label's weight, renormalised to sum to 1."""
    if not weights:
        return proba
    out = np.asarray(proba, dtype=float) * np.asarray([weights.get(lab, 1.0) for lab in labels], dtype=float)
    return out / out.sum(axis=1, keepdims=True)
