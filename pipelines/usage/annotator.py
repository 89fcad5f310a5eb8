"""Passage-level usage fields: the `context` and the `collocates` of every mention, by the usage stage's rules
(`usage:` params), so ad-hoc passages (`colens elasticity`) are treated like the corpus."""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.usage.collocates import window_lemmas
from pipelines.usage.contexts import passage_context
from pipelines.usage.settings import UsageParams


def _params(ctx: Context) -> UsageParams:
    return ctx.memo("usage.params", lambda: ctx.cfg.section("usage", UsageParams))


class ContextAnnotator:
    """`context`: per mention, {start, end, context}: its sentence widened to `usage.min_tokens` words."""

    name = "context"
    requires: tuple[str, ...] = ("mentions",)

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        min_tokens = _params(ctx).min_tokens
        ctx.parse([p for p in passages if p.mentions])
        for p in passages:
            p.result[self.name] = [
                {"start": m.start, "end": m.end, "context": passage_context(p.doc, m.start, m.end, min_tokens)}
                for m in p.mentions
            ]


class CollocatesAnnotator:
    """`collocates`: per mention, {start, end, collocates}: the content lemmas within `usage.window` content
    words either side."""

    name = "collocates"
    requires: tuple[str, ...] = ("mentions",)

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        window = _params(ctx).window
        ctx.parse([p for p in passages if p.mentions])
        for p in passages:
            p.result[self.name] = [
                {"start": m.start, "end": m.end, "collocates": window_lemmas(p.doc, m.start, m.end, window)}
                for m in p.mentions
            ]
