"""The annotated narrative passages (corpora/annotations/narratives/annotations.jsonl), read with the shared loader.

Fields: id, text, is_narrative (bool), stance (co-opted / transformative / neutral, `n/a` for non-narratives,
null for a narrative whose stance nobody has labelled yet), genre, source. A bad line is an error naming the
file and line, never skipped (`modeling.AnnotationError`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.modeling import load_annotations as load_records
from pipelines.narratives.settings import DETECT_LABELS, NO_STANCE, STANCES

REQUIRED = ("id", "text", "is_narrative", "stance", "genre", "source")
SETTING = "train_narratives.annotations"


def validate_record(data: dict, where: str) -> list[str]:
    """This task's problems with one annotation record (empty when it is usable)."""
    if not isinstance(data.get("is_narrative"), bool):
        return [f"{where}: 'is_narrative' must be true or false, got {data.get('is_narrative')!r}"]
    stance = data.get("stance")
    if data["is_narrative"]:
        if stance is not None and stance not in STANCES:
            return [f"{where}: narrative stance must be one of {', '.join(STANCES)} (or null), got {stance!r}"]
    elif stance not in (NO_STANCE, None):
        return [f"{where}: a non-narrative must have stance '{NO_STANCE}', got {stance!r}"]
    return []


def load_annotations(path: Path) -> pd.DataFrame:
    """Every annotation record (the required fields, `line`, and `detect_label`); a non-narrative's stance is
    `n/a`. Raises AnnotationError listing every bad line."""
    df = load_records(path, REQUIRED, validate_record, SETTING)[[*REQUIRED, "line"]].copy()
    df["is_narrative"] = df["is_narrative"].astype(bool)
    df.loc[~df["is_narrative"], "stance"] = NO_STANCE
    df["detect_label"] = df["is_narrative"].map({True: DETECT_LABELS[0], False: DETECT_LABELS[1]})
    return df
