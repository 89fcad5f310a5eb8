"""The `narrative` field of `colens classify`: is the passage a user narrative, its stance, and the evidence
(the same `scan.analyse` the `narratives` stage runs; it needs no earlier field). A passage's `publisher`, `url`,
`source_url` or `source` field tells who publishes it (`pipelines.narratives.publisher`), which the stance map reads."""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.narratives.model import load_classifier, load_stance_classifier
from pipelines.narratives.publisher import publisher_of
from pipelines.narratives.scan import analyse
from pipelines.narratives.settings import NarrativesParams


class NarrativeAnnotator:
    name = "narrative"
    requires: tuple[str, ...] = ()

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        if not passages:
            return
        detector = ctx.memo("narratives.detect", lambda: load_classifier(ctx.paths, ctx.cfg))
        stance = ctx.memo("narratives.stance", lambda: load_stance_classifier(ctx.paths, ctx.cfg))
        params = ctx.memo("narratives.params", lambda: ctx.cfg.section("narratives", NarrativesParams))
        publishers = [publisher_of(p.fields) for p in passages]
        for p, r in zip(passages, analyse([p.text for p in passages], detector, stance, params, publishers=publishers)):
            p.result[self.name] = r.as_field()
