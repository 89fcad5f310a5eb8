"""A trained model's fine-tuned second opinion (`finetuned.py`), loaded beside it or refused with what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from pipelines.finetuned import FineTunedClassifier, load_finetuned
from pipelines.modeling import ModelMissing


def require_finetuned(folder: Path, labels: Sequence[str], trained_by: str, weight_key: str,
                      train_hint: str) -> FineTunedClassifier:
    """The second opinion exported into `folder`, its labels in the order of the model it seconds (`labels`);
    `ModelMissing` naming both remedies (train it, or set `weight_key` to 0) when it is absent or stale."""
    opinion = load_finetuned(folder)
    if opinion is None:
        raise ModelMissing(f"{folder}: no fine-tuned second opinion (trained with {trained_by}: null?); run "
                           f"{train_hint}, or set {weight_key}: 0 in params.yaml")
    if opinion.labels != list(labels):
        raise ModelMissing(f"{folder}: labels {opinion.labels}, not {list(labels)}; run {train_hint}")
    return opinion
