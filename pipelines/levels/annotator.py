"""The `level` field of `colens classify`: Needham & Carr level of the passage, with scores and evidence.

A passage without a mention of the term (or whose mention is not in the participatory sense, when the
`sense` field is present) gets label `n/a` with no scores and a reason: there is no claim to grade.
"""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.levels.settings import NA
from pipelines.senses.settings import IN_SENSE


def _not_in_sense(p: Passage) -> bool:
    sense = p.result.get("sense")
    label = sense.get("label") if isinstance(sense, dict) else None
    return label not in (None, "none", IN_SENSE)


class LevelAnnotator:
    name = "level"

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        from pipelines.levels.model import load_classifier

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
        clf = ctx.memo("levels.classifier", lambda: load_classifier(ctx.paths))
        texts = [p.text for p in todo]
        probs = clf.predict_proba(texts)
        for p, row, ev in zip(todo, probs, clf.explain(texts, k=3)):
            p.result[self.name] = {
                "label": clf.labels[int(row.argmax())],
                "scores": {lab: round(float(v), 4) for lab, v in zip(clf.labels, row)},
                "evidence": ev,
            }
