"""A second opinion on close sense calls: MiniLM fine-tuned on the annotated mentions (`finetune.py`), run on ONNX.

The linear model on frozen embeddings (`features.py`) stays the first reader. Where its margin (top probability
minus the second, after the prior) is under `weight / (1 - weight)` — the only mentions where a blend
`(1 - weight) * linear + weight * fine-tuned` can change the label — the fine-tuned model is run and the blend taken;
elsewhere the linear probabilities stand. On four real-prose development sets the blend at weight 0.3 read every
set better than either model alone (docs/development/senses.md). The fine-tuned model reads the mention marked
with brackets in a window of its passage (`pipelines.finetuned`: one text per call).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from pipelines.finetuned import FineTunedClassifier
from pipelines.priors import reweight
from pipelines.senses.features import MentionSpan

#: Folder of the fine-tuned model inside the sense model's folder (models/senses/second_opinion).
FOLDER = "second_opinion"


def render(span: MentionSpan, max_chars: int) -> str:
    """The mention's passage with the mention in [brackets], cut to `max_chars` centred on it: what the
    fine-tuned model reads (in training and at run time alike)."""
    passage = span.passage
    at = passage.find(span.text) if span.context else 0
    if span.end <= span.start or at < 0:
        return span.text[:max_chars]
    s, e = at + span.start, at + span.end
    marked = f"{passage[:s]}[{passage[s:e]}]{passage[e:]}"
    start = max(0, min(s - max_chars // 2, len(marked) - max_chars))
    return marked[start : start + max_chars]


def close_calls(proba: np.ndarray, weight: float) -> np.ndarray:
    """Rows whose label a blend at `weight` could change: margin between the top two under weight / (1 - weight)."""
    if weight <= 0 or not len(proba):
        return np.zeros(len(proba), dtype=bool)
    if weight >= 1:
        return np.ones(len(proba), dtype=bool)
    top2 = np.sort(proba, axis=1)[:, -2:]
    return (top2[:, 1] - top2[:, 0]) < weight / (1.0 - weight)


def blend_close_calls(proba: np.ndarray, spans: Sequence[MentionSpan], opinion: FineTunedClassifier | None,
                      weight: float, prior_weights: dict[str, float], labels: Sequence[str]) -> np.ndarray:
    """`proba` (prior-reweighted linear probabilities) with its close calls blended with the second opinion's
    (reweighted by the same prior; its labels in `labels` order, checked when it is loaded); unchanged without an
    opinion or at weight 0."""
    rows = close_calls(proba, weight) if opinion is not None else np.zeros(len(proba), dtype=bool)
    if not rows.any():
        return proba
    idx = np.flatnonzero(rows)
    texts = [render(spans[i], int(opinion.settings["max_chars"])) for i in idx]
    other = reweight(opinion.proba(texts), prior_weights, labels)
    out = np.array(proba, dtype=float, copy=True)
    out[idx] = (1.0 - weight) * out[idx] + weight * other
    return out
