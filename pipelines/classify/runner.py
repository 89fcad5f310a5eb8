"""Run every annotator over a JSON Lines file in batches: one output line per input line, same order.

Lines are written as each batch is done. A line that cannot be analysed (not UTF-8, not JSON, a lone surrogate,
wrong field types, a text over the length limit, or an annotator failing on it) becomes an error row in its
place and the other lines are analysed; a blank line becomes a `blank` row.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.classify.annotators import annotate_passages, load_annotators
from pipelines.classify.passage import Context, Passage
from pipelines.io import MAX_TEXT_CHARS, JsonlRecord, read_jsonl, to_json

log = logging.getLogger(__name__)


@dataclass
class ClassifySummary:
    n_lines: int = 0
    n_ok: int = 0
    n_blank: int = 0
    errors: list[str] = field(default_factory=list)


class SameFileError(ValueError):
    """The output path names the input file (writing it would empty the input)."""


def refuse_same_file(inp: Path, out: Path) -> None:
    """SameFileError when `out` is `inp` (same resolved path, or a link to the same file)."""
    same = Path(inp).resolve() == Path(out).resolve()
    if not same and Path(out).exists():
        try:
            same = os.path.samefile(inp, out)
        except OSError:
            same = False
    if same:
        raise SameFileError(f"{out}: the output is the input file; writing it would destroy the input, "
                            "choose another output path")


def _batches(records, size: int):
    batch: list[JsonlRecord] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def annotate_isolated(passages: list[Passage], ctx: Context, annotators) -> dict[int, str]:
    """Annotate `passages` together; when the batch fails, each passage runs alone (from a fresh copy) so that
    only the failing ones are lost. Returns index -> why, for the passages that could not be annotated (they
    keep no partial result). `colens elasticity` and `define` can take the same road."""
    try:
        annotate_passages(passages, ctx, annotators)
        return {}
    except Exception as exc:  # an annotator failing on one passage must not cost the batch
        log.warning("batch of %d passages failed (%s: %s); annotating them one by one",
                    len(passages), type(exc).__name__, exc)
    failed: dict[int, str] = {}
    for i, passage in enumerate(passages):
        alone = Passage(id=passage.id, text=passage.text, fields=passage.fields)
        try:
            annotate_passages([alone], ctx, annotators)
        except Exception as exc:  # noqa: BLE001 - reported as this passage's error
            failed[i] = f"analysis failed ({type(exc).__name__}: {str(exc)[:300]})"
            passage.mentions, passage.doc, passage.result = [], None, {}
            continue
        passage.mentions, passage.doc, passage.result = alone.mentions, alone.doc, alone.result
    return failed


def _analyse(batch: list[JsonlRecord], ctx: Context, annotators) -> dict[int, Passage | str]:
    """Line number -> annotated passage, or the reason the annotators failed on that line."""
    good = [rec for rec in batch if rec.error is None and not rec.blank]
    passages = [Passage(id=r.data["id"], text=r.data["text"], fields=r.data) for r in good]
    failed = annotate_isolated(passages, ctx, annotators)
    return {rec.line_no: failed.get(i, p) for i, (rec, p) in enumerate(zip(good, passages))}


def classify_file(inp: Path, out: Path, ctx: Context, batch_size: int = 256,
                  max_chars: int = MAX_TEXT_CHARS) -> ClassifySummary:
    """Annotate every valid line; a malformed line gets an `error` row in its place and is reported."""
    refuse_same_file(inp, out)
    annotators = load_annotators()
    summary = ClassifySummary()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as sink:
        for batch in _batches(read_jsonl(inp, keep_blank=True, max_text_chars=max_chars), batch_size):
            done = _analyse(batch, ctx, annotators)
            for rec in batch:
                summary.n_lines += 1
                result = done.get(rec.line_no)
                if rec.blank:
                    summary.n_blank += 1
                    sink.write(to_json({"id": None, "line": rec.line_no, "blank": True}) + "\n")
                    continue
                error = rec.error if rec.error is not None else (
                    f"{inp}:{rec.line_no}: {result}" if isinstance(result, str) else None)
                if error is not None:
                    summary.errors.append(error)
                    ident = rec.data.get("id") if rec.data else None
                    sink.write(to_json({"id": ident, "line": rec.line_no, "error": error}) + "\n")
                    continue
                summary.n_ok += 1
                sink.write(to_json({**result.fields, **result.result}) + "\n")
            sink.flush()
    return summary
