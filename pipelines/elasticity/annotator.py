"""The `target_definitions` field for `colens elasticity`: every definition of the target term in a passage.

Definitional diversity counts all of a passage's definitions, while the `definition` field of `colens classify`
keeps only the best one; both read the definitions detector through `passage_definitions`.
"""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.definitions.annotator import passage_definitions


class TargetDefinitionsAnnotator:
    """`target_definitions`: per definition of the target term, {start, end, definiens}."""

    name = "target_definitions"
    requires: tuple[str, ...] = ()

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        for p, found in zip(passages, passage_definitions(passages, ctx)):
            p.result[self.name] = [
                {"start": d.start, "end": d.end, "definiens": d.definiens}
                for d in found if d.is_definition and d.is_target_term and d.definiens.strip()
            ]
