"""`colens annotate agreement`: how far two annotators agree on the items both labelled (Cohen's kappa,
Krippendorff's alpha for nominal data, and the confusion between their labels); the second annotator may be the
task's model (`machine_labels`: its prediction for each text the first labelled)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipelines.annotate.importer import LabelFileError, read_rows
from pipelines.annotate.tasks import Task


def read_labels(path: Path, task: Task | None = None, annotator: str | None = None) -> dict[str, str]:
    """id -> label from an exported (column `label`) or annotations-format file; unlabelled rows are left out, and
    so are rows by anyone but `annotator` when it is given."""
    out: dict[str, str] = {}
    for line, row in read_rows(path):
        if annotator is not None and str(row.get("annotator") or "") != annotator:
            continue
        if "id" not in row or row["id"] in (None, ""):
            raise LabelFileError(f"{path}:{line}: row has no id (agreement is computed on shared ids)")
        label = row.get("label")
        if label in (None, "") and task is not None:
            label = task.label_of(row)
        if label in (None, ""):
            continue
        if task is not None and task.labels and str(label) not in task.labels:
            raise LabelFileError(f"{path}:{line}: unknown label '{label}' for task '{task.name}'")
        key = str(row["id"])
        if key in out and out[key] != str(label):
            raise LabelFileError(f"{path}:{line}: id {key!r} labelled twice with different labels")
        out[key] = str(label)
    return out


def read_texts(path: Path) -> dict[str, str]:
    """id -> text of a labels file (what the machine is asked about when it is the second annotator)."""
    return {str(row["id"]): str(row.get("text") or "") for _, row in read_rows(path) if row.get("id") not in (None, "")}


def machine_labels(model, texts: dict[str, str]) -> dict[str, str]:
    """id -> the model's most likely label for each text (a task model: `labels`, `predict_proba`)."""
    ids = [i for i, t in texts.items() if t.strip()]
    if not ids:
        return {}
    proba = np.asarray(model.predict_proba([texts[i] for i in ids]), dtype=float)
    return {i: str(model.labels[k]) for i, k in zip(ids, proba.argmax(axis=1))}


def agreement(a: dict[str, str], b: dict[str, str]) -> dict[str, Any]:
    """Kappa, alpha, raw agreement and the label confusion (rows = annotator A) over the shared ids."""
    import krippendorff
    from sklearn.metrics import cohen_kappa_score

    shared = sorted(set(a) & set(b))
    if not shared:
        raise ValueError("the two files share no labelled ids")
    ya, yb = [a[i] for i in shared], [b[i] for i in shared]
    labels = sorted(set(ya) | set(yb))
    code = {lab: k for k, lab in enumerate(labels)}
    if len(labels) == 1:
        kappa, alpha = 1.0, 1.0  # perfect agreement on a single label; both statistics are undefined
    else:
        kappa = float(cohen_kappa_score(ya, yb, labels=labels))
        data = np.array([[code[x] for x in ya], [code[x] for x in yb]], dtype=float)
        alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    confusion = pd.crosstab(pd.Series(ya, name="A"), pd.Series(yb, name="B")).reindex(
        index=labels, columns=labels, fill_value=0
    )
    per_label = {}
    for lab in labels:
        both = int(confusion.at[lab, lab])
        either = int(confusion.loc[lab].sum() + confusion[lab].sum() - both)
        per_label[lab] = {"A": int(confusion.loc[lab].sum()), "B": int(confusion[lab].sum()),
                          "both": both, "jaccard": both / either if either else 1.0}
    return {
        "n_items": len(shared),
        "only_in_a": len(set(a) - set(b)),
        "only_in_b": len(set(b) - set(a)),
        "observed_agreement": float(np.mean(np.array(ya) == np.array(yb))),
        "cohen_kappa": kappa,
        "krippendorff_alpha": alpha,
        "labels": labels,
        "confusion": confusion.values.tolist(),
        "per_label": per_label,
    }
