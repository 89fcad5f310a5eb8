"""The passage road: annotators, the order `colens classify` runs them in, and the runner's order check.

An annotator is a class with `name` (the output field it assigns), `requires` (fields that must be assigned
before it runs, as spaCy components declare what they require) and `annotate(passages, ctx)`. Every
passage-level command (`classify`, `elasticity`, `define`) runs its annotators through `annotate_passages`.
"""

from __future__ import annotations

import importlib
from typing import Iterable, Protocol

from pipelines.classify.passage import Context, Passage


class Annotator(Protocol):
    name: str
    requires: tuple[str, ...]

    def annotate(self, passages: list[Passage], ctx: Context) -> None: ...


#: What `colens classify` runs, in order ("module:Class").
ANNOTATORS: list[str] = [
    "pipelines.classify.mention_field:MentionAnnotator",
    "pipelines.senses.annotator:SenseAnnotator",
    "pipelines.definitions.annotator:DefinitionAnnotator",
    "pipelines.levels.annotator:LevelAnnotator",
    "pipelines.agency.annotator:AgencyAnnotator",
    "pipelines.narratives.annotator:NarrativeAnnotator",
]


class AnnotatorOrderError(ValueError):
    """An annotator runs before a field it requires has been assigned."""


def check_order(annotators: Iterable[Annotator]) -> None:
    """Every annotator's `requires` is assigned by an earlier annotator; otherwise AnnotatorOrderError."""
    assigned: list[str] = []
    for a in annotators:
        missing = [f for f in getattr(a, "requires", ()) if f not in assigned]
        if missing:
            raise AnnotatorOrderError(
                f"annotator '{a.name}' requires {', '.join(missing)}, not assigned before it "
                f"(order: {', '.join(x.name for x in annotators)})")
        assigned.append(a.name)


def load_annotators(names: list[str] | None = None) -> list[Annotator]:
    """Instantiate annotators ("module:Class") in order, after checking the order."""
    out = []
    for spec in names or ANNOTATORS:
        module, cls = spec.split(":")
        out.append(getattr(importlib.import_module(module), cls)())
    check_order(out)
    return out


def annotate_passages(passages: list[Passage], ctx: Context, annotators: list[Annotator]) -> list[Passage]:
    """Run the annotators over one batch of passages, in order (each writes `passage.result[name]`)."""
    for annotator in annotators:
        annotator.annotate(passages, ctx)
    return passages
