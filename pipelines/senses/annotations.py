"""Read and validate the annotated sense sentences (corpora/annotations/senses/annotations.jsonl).

Every problem (bad JSON, unknown label, a `mention` not in the text or not a spelling of the term,
a duplicate id) is reported with file and line, all at once, and training stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.io import read_jsonl
from pipelines.senses.features import MentionSpan
from pipelines.senses.settings import LABELS
from pipelines.text.lexicon import Lexicon

REQUIRED = ("id", "text", "label", "genre", "source", "mention")


class AnnotationError(ValueError):
    """The annotation file has problems; the message lists each with file:line."""


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: str
    genre: str
    source: str
    span: MentionSpan


def _span(text: str, mention: str, lexicon: Lexicon) -> MentionSpan | None:
    """The target match whose surface is `mention` (the first, if the sentence repeats it)."""
    for m in lexicon.find_target(text):
        if m.surface == mention:
            return MentionSpan(text, m.start, m.end)
    return None


def load_annotations(path: Path, lexicon: Lexicon) -> list[Example]:
    """All examples, or AnnotationError listing every bad line."""
    if not path.exists():
        raise AnnotationError(f"{path}: annotation file not found (train_senses.annotations in params.yaml)")
    errors: list[str] = []
    examples: list[Example] = []
    seen: dict[str, int] = {}
    for rec in read_jsonl(path, required=REQUIRED):
        where = f"{path}:{rec.line_no}"
        if rec.error:
            errors.append(rec.error)
            continue
        d = rec.data
        ident = str(d["id"])
        if d["label"] not in LABELS:
            errors.append(f"{where}: label '{d['label']}' is not one of {', '.join(LABELS)}")
            continue
        if ident in seen:
            errors.append(f"{where}: id '{ident}' already used on line {seen[ident]}")
            continue
        seen[ident] = rec.line_no
        span = _span(d["text"], str(d["mention"]), lexicon)
        if span is None:
            errors.append(f"{where}: mention '{d['mention']}' is not a spelling of the term found in the text")
            continue
        examples.append(Example(ident, d["text"], d["label"], str(d["genre"]), str(d["source"]), span))
    if errors:
        raise AnnotationError(f"{len(errors)} problem(s) in {path}:\n" + "\n".join(errors))
    if not examples:
        raise AnnotationError(f"{path}: no annotated examples")
    return examples
