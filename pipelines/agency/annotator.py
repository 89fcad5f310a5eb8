"""The `agency` field of `colens classify`: who co-produces / involves / consults whom in the passage."""

from __future__ import annotations

import re

from pipelines.agency.extract import AgencyExtractor, trigger_regex
from pipelines.agency.settings import AgencyParams
from pipelines.classify.passage import Context, Passage

FIELDS = ("verb", "agent", "agent_category", "partner", "partner_category", "voice", "users_role")


class AgencyAnnotator:
    """Reads the shared parse of passages that mention the term or hold a trigger verb."""

    name = "agency"
    requires: tuple[str, ...] = ("mentions",)  # passages with a mention are read even without a trigger verb

    def annotate(self, passages: list[Passage], ctx: Context) -> None:
        params = ctx.memo("agency.params", lambda: ctx.cfg.section("agency", AgencyParams))
        triggers: re.Pattern[str] = ctx.memo("agency.triggers", lambda: trigger_regex(params))
        todo = [p for p in passages if p.mentions or triggers.search(p.text)]
        for p in passages:
            p.result[self.name] = []
        if not todo:
            return
        extractor = ctx.memo("agency.extractor", lambda: AgencyExtractor(params))
        ctx.parse(todo)
        for p in todo:
            p.result[self.name] = [{k: getattr(r, k) for k in FIELDS} for r in extractor.extract(p.doc)]
