"""Held-out scores of every trained model, from the model cards (models/<task>/card.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

COLUMNS = ["model", "task", "n_train", "n_heldout", "heldout_accuracy", "heldout_macro_f1", "cv_macro_f1", "card"]


def _score(scores: dict, key: str) -> float | None:
    value = scores.get(key) if isinstance(scores, dict) else None
    return float(value) if isinstance(value, (int, float)) else None


def model_scores(models_dir: Path, root: Path | None = None) -> pd.DataFrame:
    """One row per model card; a card that is not valid JSON is an error naming the file."""
    rows = []
    for card in sorted(models_dir.glob("*/card.json")):
        try:
            data = json.loads(card.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{card}: not a readable model card ({exc})") from exc
        held, cv = data.get("heldout_scores", {}), data.get("cv_scores", {})
        rows.append({
            "model": data.get("name", card.parent.name), "task": data.get("task", ""),
            "n_train": data.get("n_train"), "n_heldout": data.get("n_heldout"),
            "heldout_accuracy": _score(held, "accuracy"), "heldout_macro_f1": _score(held, "macro_f1"),
            "cv_macro_f1": _score(cv, "macro_f1"),
            "card": str(card.relative_to(root)) if root and card.is_relative_to(root) else str(card),
        })
    return pd.DataFrame(rows, columns=COLUMNS)
