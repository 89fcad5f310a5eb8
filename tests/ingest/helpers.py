"""Helpers for the ingest tests: run the stage on a folder the test built, outputs in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml

from pipelines.ingest.stage import run_ingest
from pipelines.paths import ROOT, Paths
from pipelines.tables import TABLES

PROSE = (
    "Co-production means that people who use services work with professionals as equal partners. "
    "In mental health services it has become a common word in policy documents and in research. "
    "Critics argue that the concept is stretched until it covers any consultation at all."
)


def paths_for(cfg, corpus: Path, out: Path) -> Paths:
    p = Paths.from_config(cfg, root=out)
    return Paths(**{**p.__dict__, "corpus": corpus, "metadata": corpus / cfg.corpus.metadata})


def ingest_folder(cfg, corpus: Path, out: Path):
    """Run the stage; return (summary, documents, removals, manifest indexed by file, metrics)."""
    paths = paths_for(cfg, corpus, out)
    summary = run_ingest(cfg, paths)
    docs = pd.read_parquet(TABLES["documents"].path(paths))
    removals = pd.read_parquet(TABLES["removals"].path(paths))
    manifest = pd.read_csv(TABLES["manifest"].path(paths), keep_default_na=False).set_index("file")
    metrics = json.loads(paths.metric("ingest").read_text())
    return summary, docs, removals, manifest, metrics


def params_file(tmp: Path, **ingest) -> Path:
    """A copy of the project's params.yaml whose outputs go under `tmp` (for CLI tests)."""
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["paths"] = {k: str(tmp / k) for k in ("data", "models", "metrics", "reports", "cache")}
    raw["ingest"] = {**raw.get("ingest", {}), **ingest}
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / "params.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path
