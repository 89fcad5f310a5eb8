"""Read and validate the annotated level passages (corpora/annotations/levels/annotations.jsonl) with the shared
loader (`modeling.load_annotations`): every bad line is reported with file and line, all at once.

Each passage carries two independent labelling passes (`label_a`, `label_b`) and the agreed `label` (null where
they disagree): training uses agreed passages only, and the model card reports the passes' agreement.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score

from pipelines.levels.settings import LABELS
from pipelines.modeling import load_annotations as load_records

FIELDS = ("id", "text", "label", "label_a", "label_b", "genre", "source")
SETTING = "train_levels.annotations"


def _validate(d: dict, where: str) -> list[str]:
    problems = [f"{where}: {k} {d.get(k)!r} is not one of {', '.join(LABELS)}"
                for k in ("label_a", "label_b") if d.get(k) not in LABELS]
    if problems:
        return problems
    agreed = d["label_a"] if d["label_a"] == d["label_b"] else None
    if d.get("label") != agreed:
        return [f"{where}: label must be the two passes' agreed label ({agreed!r}), got {d.get('label')!r}"]
    return []


def load_all(path: Path) -> pd.DataFrame:
    """Every annotated passage, agreed or not (id, text, label, label_a, label_b, genre, source, line)."""
    return load_records(path, FIELDS, _validate, SETTING)


def load_annotations(path: Path) -> pd.DataFrame:
    """The passages both labelling passes agree on: the training and evidence examples."""
    df = load_all(path)
    return df[df["label"].notna()].reset_index(drop=True)


def agreement(df: pd.DataFrame) -> dict:
    """How far the two independent passes agree (all passages): count, share and Cohen's kappa."""
    same = (df["label_a"] == df["label_b"])
    return {"n": int(len(df)), "n_agreed": int(same.sum()), "share_agreed": float(same.mean()) if len(df) else 0.0,
            "cohen_kappa": float(cohen_kappa_score(df["label_a"], df["label_b"])) if len(df) else 0.0}
