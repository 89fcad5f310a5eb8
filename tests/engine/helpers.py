"""Shared by the engine tests: a Config with another `engine:` section."""

from __future__ import annotations


def with_engine(cfg, engine: dict):
    """`cfg` with its `engine:` section replaced by `engine` (validated like params.yaml)."""
    return type(cfg).model_validate({**cfg.model_dump(), "engine": engine})


def without_reuse(cfg):
    """`cfg` with `engine.reuse_results` off: every document computed, the reference a run with reused rows equals."""
    return with_engine(cfg, {**cfg.model_dump()["engine"], "reuse_results": False})


def logged_run(caplog, stage_run, cfg, paths) -> str:
    """Run a stage's `run(cfg, paths)` and return what its module logged at INFO ("k of n documents read ...")."""
    caplog.clear()
    with caplog.at_level("INFO", logger=stage_run.__module__):
        stage_run(cfg, paths)
    return caplog.text
