"""Metrics a researcher compares across runs with `dvc exp show` / `dvc metrics show`: keys never collide with a
params section (DVC merges both into one table), no timings or cache counters (identical runs must not differ),
and each file stays small enough to read."""

from __future__ import annotations

import json

import yaml

from pipelines.root import ROOT

RUN_DEPENDENT = {"seconds", "embedding_cache_hits", "embedding_cache_misses", "bytes"}


def _keys(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{prefix}{k}", k
            yield from _keys(v, f"{prefix}{k}.")


def test_metrics_are_comparable_across_runs(repro_paths):
    sections = set(yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8")))
    files = sorted(repro_paths.metrics.glob("*.json"))
    assert len(files) >= 10
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        clash = sorted(set(data) & sections)
        assert not clash, f"{path.name}: top-level key(s) {clash} collide with params.yaml sections"
        timing = sorted(full for full, key in _keys(data) if key in RUN_DEPENDENT)
        assert not timing, f"{path.name}: run-dependent key(s) {timing}"
        assert len(json.dumps(data)) < 6000, f"{path.name}: {len(json.dumps(data))} characters"
