"""The typed `compare:` section of params.yaml: which concepts are profiled and how much each profile shows."""

from __future__ import annotations

from pydantic import Field

from pipelines.config import Section


class CompareParams(Section):
    """How the `compare` stage profiles concepts (names are lexicon concepts, checked against `lexicon:`)."""

    concepts: list[str] = Field(
        default_factory=lambda: ["co-production", "co-creation", "co-design", "involvement", "participation"],
        min_length=1, max_length=20,
        description="concepts profiled by the stage: the target plus the elasticity `concept` level's neighbours")
    top_collocates: int = Field(5, ge=1, le=50, description="collocates (best logDice first) kept per concept")
    min_mentions: int = Field(5, ge=1, le=100000,
                              description="a concept with fewer kept mentions is listed too_small, not profiled")
