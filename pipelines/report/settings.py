"""The typed `report:` section of params.yaml."""

from __future__ import annotations

from pydantic import Field

from pipelines.config import Section


class ReportParams(Section):
    """What the report shows (stage `report`)."""

    title: str = "colens report: how co-production is defined and used"
    figure_font_px: float = Field(12.0, ge=8, le=20, description="figure font size on screen (figures keep print size in files)")
    narratives: str = Field("user_narratives", pattern="^(user_narratives|candidates)$",
                            description="narratives table: detected user narratives, or every cue candidate")
