"""The `mentions` field: every spelling of the term, with offsets, lemma and part of speech."""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.text.spans import span_pos


class MentionAnnotator:
    name = "mentions"
    requires: tuple[str, ...] = ()

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        for p in passages:
            concepts = None if ctx.any_term else [ctx.term]
            p.mentions = ctx.lexicon.find(p.text, concepts)
        with_mentions = [p for p in passages if p.mentions]
        ctx.parse(with_mentions)
        for p in passages:
            p.result["mentions"] = [
                {
                    "start": m.start,
                    "end": m.end,
                    "surface": m.surface,
                    "lemma": m.lemma,
                    "pos": span_pos(p.doc, m.start, m.end, m.pos) if p.doc is not None else m.pos,
                    **({"concept": m.concept} if ctx.any_term else {}),
                }
                for m in p.mentions
            ]
