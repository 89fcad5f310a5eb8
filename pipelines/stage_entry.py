"""The one stage shape: `run(cfg, paths)` reads, computes and writes its tables and metrics; `main()` is
`run_stage(run)`. Every DVC stage is started as `python -m pipelines.<package>.stage` (or `.train`)."""

from __future__ import annotations

import logging
import sys
from typing import Any, Callable

from pipelines.config import Config, ConfigError
from pipelines.paths import Paths
from pipelines.torch_import import hide_torch

LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"

StageRun = Callable[[Config, Paths], dict[str, Any]]


def stage_context() -> tuple[Config, Paths]:
    """INFO logging to stderr (DVC shows it), the project's params.yaml, and the paths derived from it."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    cfg = Config.load()
    return cfg, Paths.from_config(cfg)


def run_stage(run: StageRun) -> dict[str, Any]:
    """Load params and paths, run the stage, log the metrics it wrote (a stage's `main()` is this one call)."""
    try:
        cfg, paths = stage_context()
    except ConfigError as exc:  # a user's params mistake: one line naming the file and key, no traceback
        logging.getLogger(__name__).error("%s", exc)
        raise SystemExit(2) from exc
    hide_torch(cfg.models.spacy)
    metrics = run(cfg, paths)
    module = run.__module__
    if module == "__main__":  # started as `python -m pipelines.<package>.<stage>`
        spec = getattr(sys.modules["__main__"], "__spec__", None)
        module = spec.name if spec is not None else module
    logging.getLogger(module).info("%s: %s", module, _summary(metrics))
    return metrics


def _summary(metrics: dict[str, Any]) -> str:
    """Scalar metrics only, so a log line stays one line."""
    return ", ".join(f"{k}={v}" for k, v in metrics.items() if isinstance(v, (int, float, str, bool)))
