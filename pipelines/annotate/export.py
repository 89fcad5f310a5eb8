"""`colens annotate export`: the passages the current model is least sure about, with its label and probabilities
and an empty `label` column for the researcher (CSV or JSON Lines)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.annotate.sampling import least_sure, uncertainty
from pipelines.annotate.tasks import Task
from pipelines.config import Config
from pipelines.embeddings import text_key
from pipelines.io import read_jsonl, to_json, write_csv
from pipelines.paths import Paths


def passages_from_jsonl(path: Path) -> pd.DataFrame:
    """Passages from a JSON Lines file (id, text, optional genre); a bad line is an error naming it."""
    rows, errors = [], []
    for rec in read_jsonl(path):
        if rec.error:
            errors.append(rec.error)
        else:
            rows.append({"id": str(rec.data["id"]), "text": rec.data["text"],
                         "doc_id": str(rec.data.get("doc_id", "")), "genre": str(rec.data.get("genre", "unknown"))})
    if errors:
        raise ValueError("cannot read passages:\n" + "\n".join(errors))
    if not rows:
        raise ValueError(f"{path}: no passages")
    return pd.DataFrame(rows)


def annotated_keys(path: Path) -> set[str]:
    """Text hashes already in an annotations file (they are not exported again)."""
    if not path.exists():
        return set()
    return {text_key(r.data["text"]) for r in read_jsonl(path) if r.error is None}


def select_uncertain(
    task: Task, passages: pd.DataFrame, model, n: int, strategy: str, skip_keys: set[str] = frozenset()
) -> pd.DataFrame:
    """The `n` least-sure passages (not yet annotated) with model_label, p_<label>, uncertainty and empty label."""
    df = passages.drop_duplicates("text").reset_index(drop=True)
    df = df[~df["text"].map(text_key).isin(skip_keys)].reset_index(drop=True)
    if df.empty:
        return df.assign(label="")
    proba = np.asarray(model.predict_proba(df["text"].tolist()), dtype=float)
    order = least_sure(proba, n, strategy)
    out = df.iloc[order].reset_index(drop=True)
    out.insert(0, "task", task.name)
    out["model_label"] = [model.labels[i] for i in proba[order].argmax(axis=1)]
    for j, lab in enumerate(model.labels):
        out[f"p_{lab}"] = proba[order, j].round(4)
    out[f"uncertainty_{strategy}"] = uncertainty(proba, strategy)[order].round(4)
    out["label"] = ""
    if task.name == "narratives":
        out["stance"] = ""  # optional for narratives: co-opted / transformative / neutral
    for extra in task.extra_fields:  # e.g. a definition's term and definiens, a sense's mention
        if extra not in out:
            out[extra] = ""
    return out


def export(
    task: Task, cfg: Config, paths: Paths, n: int, strategy: str, source: Path | None = None
) -> pd.DataFrame:
    """Load the task's model and its candidate passages (or `source`), and pick the least-sure ones."""
    model = task.load_model(paths, cfg)
    passages = passages_from_jsonl(source) if source else task.candidates(paths)
    return select_uncertain(task, passages, model, n, strategy, annotated_keys(task.annotations_path(cfg, paths)))


def write_export(df: pd.DataFrame, out: Path, fmt: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        write_csv(df, out)  # formula-leading cells neutralised (pipelines.io)
    elif fmt == "jsonl":
        out.write_text("".join(to_json(r) + "\n" for r in df.to_dict(orient="records")), encoding="utf-8")
    else:
        raise ValueError(f"unknown format '{fmt}'; use csv or jsonl")
    return out
