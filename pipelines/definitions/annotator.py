"""The `definition` field of `colens classify`: the passage's best definitional sentence or window for the term
(`ctx.term`, or any term with `--term ANY`), with its score and evidence."""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.definitions.model import detector_for


class DefinitionAnnotator:
    name = "definition"

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        detector, _, concepts, target = detector_for(ctx, None)
        ctx.parse(passages)
        for p in passages:
            best = detector.best(p.doc, concepts, target)
            if best is None:
                p.result[self.name] = {"is_definition": False, "score": 0.0, "term": None, "definiens": None,
                                       "evidence": None}
                continue
            p.result[self.name] = {
                "is_definition": best.is_definition,
                "score": best.score,
                "term": best.term,
                "definiens": best.definiens,
                "evidence": {**best.evidence, "term_start": best.term_start, "term_end": best.term_end,
                             "definiens_start": best.definiens_start, "definiens_end": best.definiens_end,
                             "is_target_term": best.is_target_term},
            }
