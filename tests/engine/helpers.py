"""Shared by the engine tests: a Config with another `engine:` section."""

from __future__ import annotations


def with_engine(cfg, engine: dict):
    """`cfg` with its `engine:` section replaced by `engine` (validated like params.yaml)."""
    return type(cfg).model_validate({**cfg.model_dump(), "engine": engine})
