"""The annotated narrative passages (corpora/annotations/narratives/annotations.jsonl), validated on load.

Fields: id, text, is_narrative (bool), stance (co-opted / transformative / neutral, `n/a` for non-narratives,
null for a narrative whose stance nobody has labelled yet), genre, source. A bad line is an error naming the
file and line, never skipped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.io import read_jsonl
from pipelines.narratives.settings import NO_STANCE, STANCES

REQUIRED = ("id", "text", "is_narrative", "stance", "genre", "source")


class AnnotationError(ValueError):
    """The annotations file has lines that cannot be used; the message lists each with file:line."""


def validate_record(data: dict, where: str) -> list[str]:
    """Problems with one annotation record (empty when it is usable)."""
    problems = []
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        problems.append(f"{where}: 'text' must be a non-empty string")
    if not isinstance(data.get("is_narrative"), bool):
        problems.append(f"{where}: 'is_narrative' must be true or false, got {data.get('is_narrative')!r}")
        return problems
    stance = data.get("stance")
    if data["is_narrative"]:
        if stance is not None and stance not in STANCES:
            problems.append(f"{where}: narrative stance must be one of {', '.join(STANCES)} (or null), got {stance!r}")
    elif stance not in (NO_STANCE, None):
        problems.append(f"{where}: a non-narrative must have stance '{NO_STANCE}', got {stance!r}")
    return problems


def load_annotations(path: Path) -> pd.DataFrame:
    """All annotation records as a DataFrame; raises AnnotationError listing every bad line."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: narrative annotations not found")
    rows, errors, seen = [], [], {}
    for rec in read_jsonl(path, required=REQUIRED):
        if rec.error:
            errors.append(rec.error)
            continue
        where = f"{path}:{rec.line_no}"
        problems = validate_record(rec.data, where)
        if rec.data["id"] in seen:
            problems.append(f"{where}: duplicate id {rec.data['id']!r} (first on line {seen[rec.data['id']]})")
        seen.setdefault(rec.data["id"], rec.line_no)
        if problems:
            errors.extend(problems)
            continue
        row = {k: rec.data[k] for k in REQUIRED}
        if not row["is_narrative"]:
            row["stance"] = NO_STANCE
        rows.append(row)
    if errors:
        raise AnnotationError(f"{len(errors)} bad annotation line(s):\n" + "\n".join(errors))
    if not rows:
        raise AnnotationError(f"{path}: no annotation records")
    df = pd.DataFrame(rows)
    df["detect_label"] = df["is_narrative"].map({True: "narrative", False: "not_narrative"})
    return df
