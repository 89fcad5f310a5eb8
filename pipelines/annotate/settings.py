"""The typed `annotate:` section of params.yaml."""

from __future__ import annotations

from typing import Literal

from pipelines.config import Section


class AnnotateParams(Section):
    """Defaults for `colens annotate export`."""

    strategy: Literal["margin", "entropy"] = "margin"  # active-learning uncertainty measure
    n: int = 50  # passages exported per round
