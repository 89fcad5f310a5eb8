"""`colens summary`'s content: the headline figures of the last run, read from the stages' metrics files."""

from __future__ import annotations

from pathlib import Path

from pipelines.io import read_json_object
from pipelines.paths import Paths


def _metric(paths: Paths, name: str) -> dict:
    return read_json_object(paths.metric(name))


def _counts(d: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items() if v) or "none"


def summary_lines(paths: Paths) -> list[str]:
    """One line per headline figure; a stage that has not run says so instead of a number."""
    ingest, mentions = _metric(paths, "ingest"), _metric(paths, "mentions")
    senses, defs = _metric(paths, "senses_corpus"), _metric(paths, "definitions_corpus")
    levels, narr = _metric(paths, "levels_applied"), _metric(paths, "narratives_scan")
    usage, elast, report = _metric(paths, "usage"), _metric(paths, "elasticity"), _metric(paths, "report")
    lines = []
    if ingest:
        files = ingest.get("files", {})
        lines.append(f"documents     {ingest.get('documents', 0)} ({_counts(files)} files)")
    if mentions:
        lines.append(f"mentions      {mentions.get('mentions_by_concept', {}).get(mentions.get('target'), 0)} of "
                     f"'{mentions.get('target')}' in {mentions.get('documents_with_target', 0)} documents")
    if senses:
        lines.append(f"senses        {senses.get('n_in_sense', 0)} in the analysed sense(s); "
                     f"{_counts(senses.get('counts', {}))}")
    if defs:
        lines.append(f"definitions   {defs.get('n_target_definitions', 0)} of the target in "
                     f"{defs.get('n_families', 0)} families; {defs.get('n_generic_definitions', 0)} of other terms")
    if levels:
        lines.append(f"levels        {_counts(levels.get('level_counts', {}))}")
    if narr:
        lines.append(f"narratives    {narr.get('n_narratives', 0)} user narratives; "
                     f"stance {_counts(narr.get('stance_counts', {}))}")
    if usage:
        lines.append(f"usage         {usage.get('n_clusters', 0)} clusters over {usage.get('n_contexts', 0)} contexts")
    corpus = elast.get("whole_corpus") or {}
    if corpus.get("index") is not None:
        lines.append(f"elasticity    {corpus['index']:.3f} (95% CI {corpus.get('ci_low', float('nan')):.3f}–"
                     f"{corpus.get('ci_high', float('nan')):.3f})")
    if report.get("path"):
        lines.append(f"report        {Path(paths.root) / report['path']}")
    return lines or ["no metrics yet: run `make repro` (or `dvc repro`) first"]
