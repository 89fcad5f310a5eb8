"""The typed `annotate:` section of params.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.config import Section


class AnnotateParams(Section):
    """Defaults for `colens annotate export`."""

    strategy: Literal["margin", "entropy"] = "margin"  # active-learning uncertainty measure
    n: int = Field(50, ge=1)  # passages exported per round
