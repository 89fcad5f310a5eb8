"""`colens summary`: headline figures from the metrics files, and a plain message before any run."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.report.summary import summary_lines


def test_summary_before_any_run_says_what_to_do(tmp_paths):
    assert summary_lines(tmp_paths) == ["no metrics yet: run `make repro` (or `dvc repro`) first"]


def test_summary_reads_each_stage_metrics(tmp_paths):
    tmp_paths.metrics.mkdir(parents=True, exist_ok=True)
    metrics = {
        "ingest": {"documents": 7, "files": {"ok": 7, "failed": 1}},
        "mentions": {"target": "co-production", "mentions_by_concept": {"co-production": 31}, "documents_with_target": 6},
        "definitions_corpus": {"n_target_definitions": 4, "n_families": 2, "n_generic_definitions": 9},
        "narratives_scan": {"n_narratives": 3, "stance_counts": {"co-opted": 1, "neutral": 2, "transformative": 0}},
        "elasticity": {"whole_corpus": {"index": 0.61234, "ci_low": 0.5, "ci_high": 0.7}},
    }
    for name, value in metrics.items():
        tmp_paths.metric(name).write_text(json.dumps(value), encoding="utf-8")
    text = "\n".join(summary_lines(tmp_paths))
    assert "documents     7 (ok 7, failed 1 files)" in text
    assert "31 of 'co-production' in 6 documents" in text and "4 of the target in 2 families" in text
    assert "stance co-opted 1, neutral 2" in text and "transformative 0" not in text
    assert "elasticity    0.612 (95% CI 0.500–0.700)" in text and "levels" not in text  # no levels metrics yet


def test_summary_names_a_broken_metrics_file(tmp_paths, monkeypatch):
    tmp_paths.metrics.mkdir(parents=True, exist_ok=True)
    tmp_paths.metric("usage").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr("pipelines.paths.Paths.from_config", classmethod(lambda cls, cfg, root=None: tmp_paths))
    result = CliRunner().invoke(app, ["summary"])
    assert result.exit_code == 1 and "usage.json: not valid JSON" in result.output
