"""How far the classifier's probabilities can be trusted: expected calibration error, Brier score and the
accuracy of confident predictions, which the discourse smoothing relies on (`senses.confident`)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

CONFIDENT = 0.75  # the default `senses.confident`, reported in the model card


def calibration_report(y_true: Sequence[str], proba: np.ndarray, labels: list[str], bins: int = 10) -> dict:
    """ECE (top-label, equal-width bins), multi-class Brier score, and accuracy above CONFIDENT."""
    y = np.asarray([labels.index(v) for v in y_true])
    if len(y) == 0:
        return {"ece": 0.0, "brier": 0.0, f"accuracy_at_{CONFIDENT}": 0.0, f"n_at_{CONFIDENT}": 0}
    top = proba.max(axis=1)
    right = proba.argmax(axis=1) == y
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(top, edges[1:-1]), 0, bins - 1)
    ece = sum(abs(right[which == b].mean() - top[which == b].mean()) * (which == b).mean()
              for b in range(bins) if (which == b).any())
    onehot = np.eye(len(labels))[y]
    sure = top >= CONFIDENT
    return {
        "ece": round(float(ece), 4),
        "brier": round(float(((proba - onehot) ** 2).sum(axis=1).mean()), 4),
        f"accuracy_at_{CONFIDENT}": round(float(right[sure].mean()), 4) if sure.any() else 0.0,
        f"n_at_{CONFIDENT}": int(sure.sum()),
    }
