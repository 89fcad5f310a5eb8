"""The `definition` field of `colens classify`: the passage's best definitional sentence or window for the term
(`ctx.term`, or any term with `--term ANY`), with its score and evidence.

The `sense` field is computed first (classify ANNOTATORS order): a target definition whose term mention is off
sense (a film "co-production is a joint venture between two studios") has its sense recorded in the evidence and,
with `senses.exclude_off_sense`, is not a definition (`off_sense` true). Without a `sense` field nothing is
filtered and the evidence's sense is None.
"""

from __future__ import annotations

from pipelines.classify.passage import Context, Passage
from pipelines.definitions.model import detector_for
from pipelines.senses.settings import IN_SENSE, SensesParams


def mention_sense(passage: Passage, term_start: int, term_end: int) -> str | None:
    """The sense the `sense` field gave the target mention starting inside [term_start, term_end), if any."""
    sense = passage.result.get("sense")
    if not isinstance(sense, dict):
        return None
    for m in sense.get("per_mention") or []:
        if term_start <= int(m["start"]) < term_end:
            return str(m["label"])
    return None


class DefinitionAnnotator:
    name = "definition"

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        detector, _, concepts, target = detector_for(ctx, None)
        exclude = ctx.cfg.section("senses", SensesParams).exclude_off_sense
        ctx.parse(passages)
        for p in passages:
            best = detector.best(p.doc, concepts, target)
            if best is None:
                p.result[self.name] = {"is_definition": False, "score": 0.0, "term": None, "definiens": None,
                                       "evidence": None}
                continue
            sense = mention_sense(p, best.term_start, best.term_end) if best.is_target_term else None
            off_sense = sense is not None and sense != IN_SENSE
            p.result[self.name] = {
                "is_definition": best.is_definition and not (exclude and off_sense),
                "score": best.score,
                "term": best.term,
                "definiens": best.definiens,
                "evidence": {**best.evidence, "term_start": best.term_start, "term_end": best.term_end,
                             "definiens_start": best.definiens_start, "definiens_end": best.definiens_end,
                             "is_target_term": best.is_target_term, "sense": sense, "off_sense": off_sense},
            }
