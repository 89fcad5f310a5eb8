"""The `agency` field of `colens classify`: who co-produces / involves / consults whom in the passage.

Triggers that are target mentions in an off-sense (the `sense` field, filtered as `senses.exclude_off_sense`
says), and verbs whose complement is one ("fermentation leads to the co-production of fatty acids"), give no
relation.
"""

from __future__ import annotations

import re

from pipelines.agency.extract import AgencyExtractor, trigger_regex
from pipelines.agency.settings import AgencyParams
from pipelines.classify.passage import Context, Passage, sense_at
from pipelines.senses.select import keeps
from pipelines.senses.settings import SensesParams, sense_filter

FIELDS = ("verb", "agent", "agent_category", "partner", "partner_category", "voice", "users_role")


def off_sense_spans(p: Passage, senses: str) -> list[tuple[int, int]]:
    """Character spans of the passage's target mentions whose sense the filter `senses` does not keep."""
    sense = p.result.get("sense")
    spans = [(m.start, m.end) for m in p.mentions]
    if isinstance(sense, dict):
        spans += [(int(m["start"]), int(m["end"])) for m in sense.get("per_mention") or []]
    off = []
    for start, end in dict.fromkeys(spans):
        label = sense_at(p, start, end)
        if label is not None and not keeps(label, senses):
            off.append((start, end))
    return off


class AgencyAnnotator:
    """Reads the shared parse of passages that mention the term or hold a trigger."""

    name = "agency"
    requires: tuple[str, ...] = ("mentions", "sense")  # the sense of each mention decides whether it is a trigger

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        params = ctx.memo("agency.params", lambda: ctx.cfg.section("agency", AgencyParams))
        senses = ctx.memo("agency.senses", lambda: sense_filter(
            ctx.cfg.section("senses", SensesParams).exclude_off_sense))
        triggers: re.Pattern[str] = ctx.memo("agency.triggers", lambda: trigger_regex(params))
        todo = [p for p in passages if p.mentions or triggers.search(p.text)]
        for p in passages:
            p.result[self.name] = []
        if not todo:
            return
        extractor = ctx.memo("agency.extractor", lambda: AgencyExtractor(params))
        ctx.parse(todo)
        for p in todo:
            relations = extractor.extract(p.doc, skip=off_sense_spans(p, senses))
            p.result[self.name] = [{k: getattr(r, k) for k in FIELDS} for r in relations
                                   if params.bare_triggers or not r.bare]
