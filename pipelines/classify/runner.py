"""Run every annotator over a JSON Lines file in batches: one output line per input line, same order."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.classify.annotators import annotate_passages, load_annotators
from pipelines.classify.passage import Context, Passage
from pipelines.io import JsonlRecord, read_jsonl, to_json

log = logging.getLogger(__name__)


@dataclass
class ClassifySummary:
    n_lines: int = 0
    n_ok: int = 0
    errors: list[str] = field(default_factory=list)


def _batches(records, size: int):
    batch: list[JsonlRecord] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def classify_file(inp: Path, out: Path, ctx: Context, batch_size: int = 256) -> ClassifySummary:
    """Annotate every valid line; a malformed line gets an `error` object in its place and is reported."""
    annotators = load_annotators()
    summary = ClassifySummary()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as sink:
        for batch in _batches(read_jsonl(inp), batch_size):
            good = [
                Passage(id=r.data["id"], text=r.data["text"], fields=r.data) for r in batch if r.error is None
            ]
            annotate_passages(good, ctx, annotators)
            results = iter(good)
            for rec in batch:
                summary.n_lines += 1
                if rec.error is not None:
                    summary.errors.append(rec.error)
                    ident = rec.data.get("id") if rec.data else None
                    sink.write(to_json({"id": ident, "line": rec.line_no, "error": rec.error}) + "\n")
                    continue
                p = next(results)
                summary.n_ok += 1
                sink.write(to_json({**p.fields, **p.result}) + "\n")
    return summary
