"""What every DVC stage's `main()` starts with: progress logging, the typed params, and the paths."""

from __future__ import annotations

import logging

from pipelines.config import Config
from pipelines.paths import Paths

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


def stage_context() -> tuple[Config, Paths]:
    """INFO logging to stderr (DVC shows it), the project's params.yaml, and the paths derived from it."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    cfg = Config.load()
    return cfg, Paths.from_config(cfg)
