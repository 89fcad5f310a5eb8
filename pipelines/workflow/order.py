"""The analysis stages in the order `colens run` runs them (a topological order of dvc.yaml's apply stages;
a test checks it against dvc.yaml's deps and outs), and each stage's `run(cfg, paths)`."""

from __future__ import annotations

import importlib

from pipelines.stage_entry import StageRun

STAGES: tuple[str, ...] = ("ingest", "mentions", "senses", "levels", "usage", "definitions", "agency",
                           "narratives", "themes", "elasticity", "compare", "figures", "report")


def stage_run(name: str) -> StageRun:
    """The `run` function of stage `name` (`pipelines.<name>.stage.run`)."""
    if name not in STAGES:
        raise KeyError(f"unknown stage '{name}'; stages are {', '.join(STAGES)}")
    return importlib.import_module(f"pipelines.{name}.stage").run
