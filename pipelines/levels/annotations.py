"""Read and validate the annotated level passages (corpora/annotations/levels/annotations.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.io import read_jsonl
from pipelines.levels.settings import LABELS

FIELDS = ("id", "text", "label", "genre", "source")


class AnnotationError(ValueError):
    """The annotation file has malformed lines, unknown labels, empty texts or repeated ids."""


def load_annotations(path: Path) -> pd.DataFrame:
    """All annotated passages as a DataFrame (id, text, label, genre, source); any bad line is an error."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: annotation file not found (train_levels.annotations in params.yaml)")
    rows, problems, seen = [], [], {}
    for rec in read_jsonl(path, required=FIELDS):
        if rec.error:
            problems.append(rec.error)
            continue
        d = rec.data
        where = f"{path}:{rec.line_no}"
        if d["label"] not in LABELS:
            problems.append(f"{where}: label {d['label']!r} is not one of {', '.join(LABELS)}")
        elif not d["text"].strip():
            problems.append(f"{where}: empty text")
        elif d["id"] in seen:
            problems.append(f"{where}: id {d['id']!r} already used on line {seen[d['id']]}")
        else:
            seen[d["id"]] = rec.line_no
            rows.append({k: str(d[k]) for k in FIELDS})
    if problems:
        raise AnnotationError(f"{len(problems)} problem(s) in {path}:\n" + "\n".join(problems[:20]))
    if not rows:
        raise AnnotationError(f"{path}: no annotated passages")
    return pd.DataFrame(rows, columns=list(FIELDS))
