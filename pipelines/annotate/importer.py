"""`colens annotate import`: validate a researcher's labels and merge them into the task's annotations file.

Rows are matched by text hash: a new text is appended; the same label again is a duplicate; a missing stance is
filled in; a different label is a conflict, reported and never overwritten. Any invalid row stops the import
before anything is written, with every problem named by file and line.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator

from pipelines.annotate.tasks import Task
from pipelines.embeddings import text_key
from pipelines.io import read_jsonl, spreadsheet_rows
from pipelines.narratives.settings import STANCES


class LabelFileError(ValueError):
    """The labelled file has rows that cannot be imported; the message lists each with file:line."""


@dataclass
class ImportReport:
    added: int = 0
    filled: int = 0
    duplicates: int = 0
    unlabelled: int = 0
    conflicts: list[str] = field(default_factory=list)
    path: Path | None = None
    records: list[tuple[str, str, dict]] = field(default_factory=list)  # (added | completed, where, record)


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) from a CSV (header on line 1) or JSON Lines file; a bad JSON line is an error."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found")
    if path.suffix.lower() == ".csv":
        yield from spreadsheet_rows(path)  # cp1252 from Excel read, export's formula guards removed
        return
    errors = []
    for rec in read_jsonl(path, required=()):
        if rec.error:
            errors.append(rec.error)
        else:
            yield rec.line_no, rec.data
    if errors:
        raise LabelFileError("\n".join(errors))


def _labels_for(task: Task, existing: list[dict]) -> list[str]:
    if task.labels:
        return task.labels
    found = sorted({lab for r in existing if (lab := task.label_of(r)) is not None})
    if not found:
        raise LabelFileError(f"task '{task.name}': no known labels (its annotations file is empty or missing)")
    return found


def _load_existing(path: Path) -> list[dict]:
    if not path.exists():
        return []
    records, errors = [], []
    for rec in read_jsonl(path):
        if rec.error:
            errors.append(rec.error)
        else:
            records.append(rec.data)
    if errors:
        raise LabelFileError("the annotations file itself has bad lines; fix them first:\n" + "\n".join(errors))
    return records


def _write_atomic(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as tmp:
        tmp.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    os.replace(tmp.name, path)


def import_labels(labelled: Path, task: Task, annotations: Path, annotator: str = "unknown",
                  dry_run: bool = False) -> ImportReport:
    """Merge the labelled rows of `labelled` into `annotations` (see module docstring)."""
    return merge_rows(((f"{labelled}:{line}", row) for line, row in read_rows(labelled)), task, annotations,
                      annotator, dry_run)


def _validate(rows: Iterable[tuple[str, dict[str, Any]]], task: Task, allowed: list[str]) -> list[tuple]:
    """(where, row, text, label, stance) of each labelled row; LabelFileError listing every invalid one."""
    errors, staged = [], []
    check = task.validator()
    for where, row in rows:
        label = str(row.get("label") or "").strip()
        text = row.get("text")
        if not label:
            staged.append((where, row, None, None, None))
            continue
        if not isinstance(text, str) or not text.strip():
            errors.append(f"{where}: row has a label but no text")
            continue
        if label not in allowed:
            errors.append(f"{where}: unknown label '{label}' for task '{task.name}' "
                          f"(expected one of {', '.join(allowed)})")
            continue
        stance = str(row.get("stance") or "").strip() or None
        if stance and task.name == "narratives" and (label != "narrative" or stance not in STANCES):
            errors.append(f"{where}: stance '{stance}' needs label 'narrative' and one of {', '.join(STANCES)}")
            continue
        if check is not None:
            problems = check({"text": text, **task.record_fields(label, stance, row)}, where)
            if problems:
                errors.extend(problems)
                continue
        staged.append((where, row, text, label, stance))
    if errors:
        raise LabelFileError(f"{len(errors)} invalid row(s); nothing was imported:\n" + "\n".join(errors))
    return staged


def merge_rows(rows: Iterable[tuple[str, dict[str, Any]]], task: Task, annotations: Path, annotator: str = "unknown",
               dry_run: bool = False) -> ImportReport:
    """Merge labelled rows, each `(where, row)` (`where` names the file and line or element in messages), into
    `annotations`: all rows are validated first; with `dry_run` nothing is written and the report lists what would
    change (`report.records`)."""
    existing = _load_existing(annotations)
    allowed = _labels_for(task, existing)
    by_key = {text_key(r["text"]): r for r in existing}
    ids = {str(r.get("id")) for r in existing}
    report = ImportReport(path=annotations)
    stamp = f"colens annotate import by {annotator}, {date.today().isoformat()}"
    for where, row, text, label, stance in _validate(rows, task, allowed):
        if label is None:
            report.unlabelled += 1
            continue
        new = task.record_fields(label, stance, row)
        old = by_key.get(text_key(text))
        if old is None:
            rid = str(row.get("id") or f"{task.name}-{text_key(text)[:10]}")
            if rid in ids:
                rid = f"{rid}-{text_key(text)[:8]}"
            record = {"id": rid, "text": text, **new, "genre": str(row.get("genre") or "unknown"),
                      "source": str(row.get("source") or stamp), "annotator": annotator}
            existing.append(record)
            by_key[text_key(text)] = record
            ids.add(rid)
            report.added += 1
            report.records.append(("added", where, record))
            continue
        clash = {k: (old.get(k), v) for k, v in new.items()
                 if k not in task.extra_fields and v is not None and old.get(k) not in (None, v)}
        if clash:
            what = ", ".join(f"{k}: {a!r} in the annotations, {b!r} here" for k, (a, b) in clash.items())
            report.conflicts.append(f"{where}: relabels annotation {old.get('id')!r} ({what}); kept the existing label")
        elif any(old.get(k) is None and v is not None for k, v in new.items()):
            old.update({k: v for k, v in new.items() if v is not None and old.get(k) is None})
            report.filled += 1
            report.records.append(("completed", where, old))
        else:
            report.duplicates += 1
    if (report.added or report.filled) and not dry_run:
        _write_atomic(annotations, existing)
    return report
