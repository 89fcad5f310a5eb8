"""The `sense` field of `colens classify`: the sense of the passage's co-production mentions.

Each target mention is classified in its sentence with its passage as context (the codebook rules applied); a
vague mention is then smoothed towards the passage's confidence-weighted mean sense (`discourse.py`: a confident
mention is never overridden). The passage label is the most probable sense of the confidence-weighted mean of the
smoothed mentions, each mention's own label in `per_mention`; `none` when there is no mention.
"""

from __future__ import annotations

import numpy as np

from pipelines.classify.passage import Context, Passage
from pipelines.senses.discourse import group_mean, smooth
from pipelines.senses.features import mention_in_sentence
from pipelines.senses.model import load_classifier
from pipelines.senses.settings import NONE, SensesParams


class SenseAnnotator:
    name = "sense"
    requires: tuple[str, ...] = ()  # finds the target's mentions itself, whatever term `mentions` follows

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        targets = {id(p): ctx.lexicon.find_target(p.text) for p in passages}
        todo = [p for p in passages if targets[id(p)]]
        for p in passages:
            if not targets[id(p)]:
                p.result[self.name] = {"label": NONE, "scores": {}, "per_mention": []}
        if not todo:
            return
        clf = ctx.memo("senses.classifier", lambda: load_classifier(ctx.paths, ctx.cfg))
        params: SensesParams = ctx.cfg.section("senses", SensesParams)
        ctx.parse(todo)
        spans, owner = [], []
        for k, p in enumerate(todo):
            for m in targets[id(p)]:
                spans.append(mention_in_sentence(p.doc, m.start, m.end))
                owner.append(k)
        owner_arr = np.asarray(owner)
        proba = smooth(clf.predict_proba_spans(spans), owner_arr, params.discourse_weight, params.confident)
        for k, p in enumerate(todo):
            rows = proba[owner_arr == k]
            mean = group_mean(rows)
            p.result[self.name] = {
                "label": clf.labels[int(mean.argmax())],
                "scores": {lab: round(float(v), 4) for lab, v in zip(clf.labels, mean)},
                "per_mention": [
                    {"start": m.start, "end": m.end, "label": clf.labels[int(r.argmax())],
                     "score": round(float(r.max()), 4)}
                    for m, r in zip(targets[id(p)], rows)
                ],
            }
