"""The annotated definition sentences (corpora/annotations/definitions/annotations.jsonl), read with the shared
loader (`modeling.load_annotations`): every problem is listed with file and line at once.

Fields: id, text, label (definition / not_definition), term and definiens (copied exactly from the text for a
definition), genre, source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.definitions.settings import LABELS, POSITIVE
from pipelines.modeling import label_validator, load_annotations as load_records
from pipelines.text.lexicon import Lexicon

REQUIRED = ("id", "text", "label", "term", "definiens", "genre", "source")
SETTING = "train_definitions.annotations"


@dataclass
class Example:
    """One annotated sentence; `is_target` when it defines the target concept."""

    id: str
    text: str
    label: str
    term: str
    definiens: str
    genre: str
    line: int
    is_target: bool = False


_known_label = label_validator("label", LABELS)


def validate_record(d: dict, where: str) -> list[str]:
    """This task's problems with one record: a known label, and a definition's term and definiens in its text."""
    problems = _known_label(d, where)
    if not problems and d["label"] == POSITIVE and (
        not d["term"] or not d["definiens"] or d["term"] not in d["text"] or d["definiens"] not in d["text"]
    ):
        problems.append(f"{where}: a definition needs a term and a definiens copied exactly from its text")
    return problems


def load_annotations(path: Path, lexicon: Lexicon) -> list[Example]:
    """Every annotated sentence, in file order; AnnotationError listing every bad line."""
    df = load_records(path, REQUIRED, validate_record, SETTING)
    out = []
    for r in df.itertuples(index=False):
        ex = Example(str(r.id), r.text, r.label, r.term, r.definiens, r.genre, int(r.line))
        ex.is_target = ex.label == POSITIVE and bool(lexicon.find_target(ex.term))
        out.append(ex)
    return out
