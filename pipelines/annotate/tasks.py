"""The task registry: for each annotatable task, its annotations file (from its `train_<task>:` params), label
field, labels, model loader and the passages it is asked about. Models are imported lazily, so a task whose model
is missing fails with a clear error.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from pipelines.config import Config, Section
from pipelines.definitions.settings import LABELS as DEFINITION_LABELS, TrainDefinitionsParams
from pipelines.levels.settings import TrainLevelsParams
from pipelines.narratives.settings import DETECT_LABELS, NO_STANCE, STANCES, TrainNarrativesParams
from pipelines.paths import Paths
from pipelines.senses.settings import TrainSensesParams
from pipelines.tables import TABLES


class TaskError(RuntimeError):
    """An unknown task, or a task whose model or inputs are not available."""


def _paragraph_candidates(paths: Paths) -> pd.DataFrame:
    """Paragraphs the narrative cue pass selects (every paragraph when none is selected)."""
    from pipelines.narratives.cues import find_cues

    paras = TABLES["paragraphs"].read(paths)
    genres = _genres(paths)
    df = pd.DataFrame({
        "id": paras["doc_id"].astype(str) + ":p" + paras["para_id"].astype(str),
        "text": paras["text"].astype(str),
        "doc_id": paras["doc_id"].astype(str),
        "genre": paras["doc_id"].map(genres).fillna("unknown").astype(str),
    })
    keep = df["text"].map(lambda t: find_cues(t).is_candidate)
    return df[keep].reset_index(drop=True) if keep.any() else df


def _narrative_candidates(paths: Paths) -> pd.DataFrame:
    """Paragraphs the `narratives` stage judged to be user narratives (stance is asked of narratives only)."""
    if not TABLES["narratives"].exists(paths):
        return _paragraph_candidates(paths)
    df = TABLES["narratives"].read(paths)
    df = df[df["is_user_narrative"].astype(bool)]
    return pd.DataFrame({
        "id": df["doc_id"].astype(str) + ":p" + df["para_id"].astype(str),
        "text": df["text"].astype(str), "doc_id": df["doc_id"].astype(str), "genre": df["genre"].astype(str),
    }).reset_index(drop=True)


def _mention_sentences(paths: Paths) -> pd.DataFrame:
    """One row per sentence holding a target mention (levels, senses and definitions classify such sentences)."""
    m = TABLES["mentions"].read(paths)
    m = m[m["is_target"].astype(bool)].drop_duplicates(["doc_id", "sent_id"])
    return pd.DataFrame({
        "id": m["mention_id"].astype(str), "text": m["sentence"].astype(str),
        "doc_id": m["doc_id"].astype(str), "genre": m["genre"].astype(str), "mention": m["surface"].astype(str),
    }).reset_index(drop=True)


def _genres(paths: Paths) -> pd.Series:
    if not TABLES["documents"].exists(paths):
        return pd.Series(dtype=str)
    docs = TABLES["documents"].read(paths, columns=["doc_id", "genre"])
    return docs.set_index("doc_id")["genre"]


@dataclass(frozen=True)
class Task:
    """One annotatable task. `label_of(record)` reads a label from an annotations-file record (None = unlabelled)."""

    name: str
    loader: str  # "module:function" taking (paths, cfg): the package's `load_classifier`
    label_field: str
    params_section: str  # the `train_<task>:` section whose `annotations` key names the file
    params: type[Section]  # that section's typed params
    candidates: Callable[[Paths], pd.DataFrame]
    labels: list[str] = field(default_factory=list)  # empty: the labels already in the annotations file
    extra_fields: tuple[str, ...] = ()  # fields copied from an imported row into its record (e.g. term, definiens)
    validate: str | None = None  # "module:function" (record, where) -> problems: the task's own record check

    def annotations_path(self, cfg: Config, paths: Paths) -> Path:
        return paths.root / cfg.section(self.params_section, self.params).annotations

    def label_of(self, record: dict[str, Any]) -> str | None:
        if self.name == "narratives":
            value = record.get("is_narrative")
            return None if value is None else DETECT_LABELS[0] if value else DETECT_LABELS[1]
        if self.name == "stance":
            value = record.get("stance")
            return value if record.get("is_narrative") and value in STANCES else None
        value = record.get(self.label_field)
        return None if value in (None, "") else str(value)

    def record_fields(self, label: str, stance: str | None = None, row: dict[str, Any] | None = None) -> dict[str, Any]:
        """The label fields of a new annotations-file record (with the task's extra fields taken from `row`)."""
        extra = {k: str((row or {}).get(k) or "") for k in self.extra_fields}
        if self.name == "narratives":
            narrative = label == DETECT_LABELS[0]
            return {"is_narrative": narrative, "stance": (stance or None) if narrative else NO_STANCE}
        if self.name == "stance":
            return {"is_narrative": True, "stance": label}
        return {self.label_field: label, **extra}

    def validator(self) -> Callable[[dict[str, Any], str], list[str]] | None:
        """The task's record check (the one its training loader applies), or None when the label check is all."""
        if self.validate is None:
            return None
        module_name, func = self.validate.split(":")
        return getattr(importlib.import_module(module_name), func)

    def load_model(self, paths: Paths, cfg: Config):
        """The task's classifier (`labels`, `predict_proba`), or TaskError saying what to run."""
        module_name, func = self.loader.split(":")
        try:
            loader = getattr(importlib.import_module(module_name), func)
        except (ImportError, AttributeError) as exc:
            raise TaskError(
                f"task '{self.name}': its model code ({self.loader}) is not available ({exc}); "
                "that capability is not installed yet, or run `dvc repro` once it is"
            ) from exc
        try:
            return loader(paths, cfg)
        except FileNotFoundError as exc:
            raise TaskError(f"task '{self.name}': no trained model ({exc}); run `dvc repro` first") from exc


TASKS: dict[str, Task] = {
    t.name: t
    for t in [
        Task("narratives", "pipelines.narratives.model:load_classifier", "is_narrative", "train_narratives",
             TrainNarrativesParams, _paragraph_candidates, list(DETECT_LABELS)),
        Task("stance", "pipelines.narratives.model:load_stance_classifier", "stance", "train_narratives",
             TrainNarrativesParams, _narrative_candidates, list(STANCES)),
        Task("levels", "pipelines.levels.model:load_classifier", "label", "train_levels", TrainLevelsParams,
             _mention_sentences),
        Task("senses", "pipelines.senses.model:load_classifier", "label", "train_senses", TrainSensesParams,
             _mention_sentences, extra_fields=("mention",), validate="pipelines.senses.annotations:validate_mention"),
        Task("definitions", "pipelines.definitions.model:load_classifier", "label", "train_definitions",
             TrainDefinitionsParams, _mention_sentences, list(DEFINITION_LABELS), ("term", "definiens"),
             "pipelines.definitions.annotations:validate_record"),
    ]
}


def get_task(name: str) -> Task:
    if name not in TASKS:
        raise TaskError(f"unknown annotation task '{name}'; choose one of {', '.join(TASKS)}")
    return TASKS[name]
