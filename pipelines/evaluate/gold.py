"""The stand-off gold files of `corpora/realdev/` and their join to `colens classify` output by text hash."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.io import read_jsonl
from pipelines.root import ROOT

#: Where the real-prose development sets live (one stand-off TSV per task).
REALDEV = ROOT / "corpora" / "realdev"
#: Columns every gold file has; the label columns are the task's own (`measures.TASKS`).
KEY_COLUMNS = ("id", "source_url", "sha256")


class GoldFileError(ValueError):
    """A gold file or a predictions file that cannot be read as one; the message names the file and the problem."""


def text_sha256(text: str) -> str:
    """The hash a gold row names: sha256 of the passage's exact UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_gold(path: Path, label_columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a stand-off TSV (id, source_url, sha256, the label columns), checked."""
    if not path.is_file():
        raise GoldFileError(f"{path}: no such gold file")
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in (*KEY_COLUMNS, *label_columns) if c not in (reader.fieldnames or [])]
        if missing:
            raise GoldFileError(f"{path}: missing column(s) {', '.join(missing)} (has {', '.join(reader.fieldnames or [])})")
        rows = []
        for line_no, row in enumerate(reader, start=2):
            digest = (row.get("sha256") or "").strip().lower()
            if len(digest) != 64 or any(ch not in "0123456789abcdef" for ch in digest):
                raise GoldFileError(f"{path}:{line_no}: sha256 '{row.get('sha256')}' is not 64 hex digits")
            rows.append({k: (v or "").strip() for k, v in row.items() if k is not None} | {"sha256": digest})
    return rows


def select_sets(rows: list[dict[str, str]], prefixes: list[str] | None) -> list[dict[str, str]]:
    """The rows whose id starts with one of `prefixes` (all rows when none are given)."""
    if not prefixes:
        return rows
    return [r for r in rows if r["id"].startswith(tuple(prefixes))]


@dataclass
class Joined:
    """Gold rows with the prediction of the passage whose text has their hash, and what could not be joined."""

    pairs: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    unmatched_gold: list[str] = field(default_factory=list)   # gold ids with no prediction of that text
    error_lines: list[str] = field(default_factory=list)      # predictions lines that are errors or malformed
    not_in_gold: int = 0                                      # predicted passages no selected gold row names


def join_predictions(rows: list[dict[str, str]], predictions: Path) -> Joined:
    """Join `rows` to the `colens classify` output `predictions` by sha256 of each output line's `text`."""
    if not predictions.is_file():
        raise GoldFileError(f"{predictions}: no such predictions file")
    joined = Joined()
    by_hash: dict[str, dict[str, Any]] = {}
    for rec in read_jsonl(predictions, required=("id",)):
        data = rec.data or {}
        if rec.error or "error" in data or not isinstance(data.get("text"), str):
            why = rec.error or data.get("error") or "no 'text' field (score the output of `colens classify`)"
            joined.error_lines.append(f"{predictions}:{rec.line_no}: {why}")
            continue
        by_hash.setdefault(text_sha256(data["text"]), data)
    wanted = {r["sha256"] for r in rows}
    joined.not_in_gold = sum(1 for h in by_hash if h not in wanted)
    for row in rows:
        pred = by_hash.get(row["sha256"])
        if pred is None:
            joined.unmatched_gold.append(row["id"])
        else:
            joined.pairs.append((row, pred))
    return joined
