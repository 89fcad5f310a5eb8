"""The annotators `colens classify` runs, in order; each adds one output field.

Each entry is "module:Class"; the class has a `name` and `annotate(passages, ctx)`.
"""

from __future__ import annotations

import importlib

ANNOTATORS: list[str] = [
    "pipelines.classify.mention_field:MentionAnnotator",
    "pipelines.senses.annotator:SenseAnnotator",
    "pipelines.definitions.annotator:DefinitionAnnotator",
    "pipelines.levels.annotator:LevelAnnotator",
    "pipelines.agency.annotator:AgencyAnnotator",
    "pipelines.narratives.annotator:NarrativeAnnotator",
]


def load_annotators(names: list[str] | None = None) -> list:
    out = []
    for spec in names or ANNOTATORS:
        module, cls = spec.split(":")
        out.append(getattr(importlib.import_module(module), cls)())
    return out
