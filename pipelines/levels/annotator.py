"""The `level` field of `colens classify`: Needham & Carr level of the passage, with scores and evidence.

A passage without a mention of the term (or none of whose mentions is in the participatory sense, when the
`sense` field is present) gets label `n/a` with no scores and a reason: there is no claim to grade. Every other
passage is graded by the codebook (`LevelClassifier.grade`): its claims, the deciding claim and cues as evidence.
"""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage, passage_sense
from pipelines.levels.model import load_classifier
from pipelines.levels.settings import NA, LevelsParams
from pipelines.senses.select import keeps
from pipelines.senses.settings import NONE


def _not_in_sense(p: Passage) -> bool:
    """No mention in the participatory sense: nothing to grade (one participatory mention is enough)."""
    sense = p.result.get("sense")
    per_mention = sense.get("per_mention") if isinstance(sense, dict) else None
    if per_mention:
        return not any(keeps(str(m["label"])) for m in per_mention)
    label = passage_sense(p)
    return label not in (None, NONE) and not keeps(label)


class LevelAnnotator:
    name = "level"
    requires: tuple[str, ...] = ("mentions", "sense")

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        todo = []
        for p in passages:
            if not p.mentions:
                p.result[self.name] = {"label": NA, "scores": None, "reason": "no mention of the term"}
            elif _not_in_sense(p):
                p.result[self.name] = {"label": NA, "scores": None, "reason": "mention not in the participatory sense"}
            else:
                todo.append(p)
        if not todo:
            return
        clf = ctx.memo("levels.classifier", lambda: load_classifier(ctx.paths, ctx.cfg))
        params = ctx.memo("levels.params", lambda: ctx.cfg.section("levels", LevelsParams))
        for p, grade in zip(todo, clf.grade([p.text for p in todo], params)):
            scores = {lab: round(v, 4) for lab, v in grade.scores.items()}
            p.result[self.name] = {"label": grade.label, "scores": scores, "evidence": grade.evidence}
