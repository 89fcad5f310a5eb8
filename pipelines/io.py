"""Reading and writing the pipeline's files: Parquet (and CSV) tables, JSON metrics, JSON Lines passages."""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pandas as pd


def write_table(df: pd.DataFrame, path: Path) -> Path:
    """Write a table atomically (a crash never leaves half a file): CSV when `path` ends in .csv, else Parquet."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
        tmp_path = Path(tmp.name)
    try:
        if path.suffix == ".csv":
            df.to_csv(tmp_path, index=False)
        else:
            df.to_parquet(tmp_path, index=False)
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a Parquet table written by an upstream stage, with a clear error when it is missing."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; run `dvc repro` (or the stage that writes it) first")
    return pd.read_parquet(path, columns=columns)


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def to_json(value: Any, **kwargs: Any) -> str:
    """JSON text with NaN as null and numpy scalars as plain numbers."""
    return json.dumps(_jsonable(value), ensure_ascii=False, **kwargs)


def write_json(value: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


@dataclass
class JsonlRecord:
    """One input line: the parsed object, or the reason it could not be used."""

    line_no: int
    data: dict[str, Any] | None
    error: str | None = None


def read_jsonl(path: Path, required: tuple[str, ...] = ("id", "text")) -> Iterator[JsonlRecord]:
    """Yield every non-blank line; malformed lines come back with an error naming file and line."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                yield JsonlRecord(line_no, None, f"{path}:{line_no}: not valid JSON ({exc.msg})")
                continue
            if not isinstance(data, dict):
                yield JsonlRecord(line_no, None, f"{path}:{line_no}: expected a JSON object")
                continue
            missing = [k for k in required if k not in data]
            if missing:
                yield JsonlRecord(line_no, data, f"{path}:{line_no}: missing field(s) {', '.join(missing)}")
                continue
            if "text" in required and not isinstance(data.get("text"), str):
                yield JsonlRecord(line_no, data, f"{path}:{line_no}: field 'text' must be a string")
                continue
            yield JsonlRecord(line_no, data)
