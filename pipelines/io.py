"""Reading and writing the pipeline's files: Parquet (and CSV) tables, JSON metrics, JSON Lines passages."""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd


#: Cells a spreadsheet would run as a formula start with one of these (the OWASP CSV-injection rule).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """A text cell starting like a formula gets a leading apostrophe, so a spreadsheet shows it as text (a cell
    that already starts with apostrophes before a formula character gets one more, so `restore_formula` is exact)."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_LEADS):
        return "'" + value
    return value


def restore_formula(value: Any) -> Any:
    """The cell as it was before `neutralise_formula` (for CSVs that come back, e.g. labelled annotate exports)."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_LEADS):
        return value[1:]
    return value


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose text cells are neutralised (`neutralise_formula`); numbers are left as they are."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_formula)
    return out


def decode_spreadsheet_text(data: bytes) -> tuple[str, str | None]:
    """Text of a CSV saved by a spreadsheet: UTF-8 (with or without BOM), else cp1252 (what Excel on Windows
    writes), with a note saying so; None as note for UTF-8."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("cp1252", errors="replace"), f"not UTF-8 (byte {exc.start}); read as cp1252"


def spreadsheet_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV that went through a spreadsheet: any of its encodings (see
    `decode_spreadsheet_text`; a cp1252 file is logged), cells neutralised on export restored."""
    import csv
    import io
    import logging

    text, note = decode_spreadsheet_text(path.read_bytes())
    if note:
        logging.getLogger(__name__).warning("%s: %s", path, note)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        yield reader.line_num, {k: restore_formula(v) for k, v in row.items()}


def _temporary(path: Path) -> Path:
    """A fresh temporary file beside `path`, named after it; leftovers of a killed earlier write are removed."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False) as tmp:
        return Path(tmp.name)


def _write_atomic(path: Path, write) -> Path:
    """`write(tmp_path)` into a temporary file beside `path`, then rename it over `path` (a crash never leaves
    half a file, and the next write clears what a killed one left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = _temporary(path)
    try:
        write(tmp_path)
        os.chmod(tmp_path, 0o644)  # temporary files are created private; the result is an ordinary file
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)
    return path


def write_atomic(path: Path, write) -> Path:
    """`write(tmp_path)` then rename over `path` (see `_write_atomic`), for files that are not tables (a .qdpx)."""
    return _write_atomic(path, write)


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write a CSV a researcher may open in a spreadsheet, whatever the file's suffix: UTF-8, formula-leading
    cells neutralised (`spreadsheet_safe`), CRLF rows (RFC 4180: a cell holding a bare CR is then quoted, so it
    cannot split its row), atomic."""
    return _write_atomic(path, lambda tmp: spreadsheet_safe(df).to_csv(tmp, index=False, encoding="utf-8",
                                                                       lineterminator="\r\n"))


def write_table(df: pd.DataFrame, path: Path) -> Path:
    """Write a table atomically: CSV when `path` ends in .csv (see `write_csv`), else Parquet."""
    if path.suffix == ".csv":
        return write_csv(df, path)
    # one chunk per column: a frame concatenated from parts (stored per-document rows) then writes the same bytes as
    # the same frame built in one piece (the writer's dictionary-encoding fallback happens at chunk boundaries)
    import pyarrow as pa
    import pyarrow.parquet as pq

    if df.attrs:  # pandas keeps attrs in the schema metadata; to_parquet does that
        return _write_atomic(path, lambda tmp: df.to_parquet(tmp, index=False))
    table = pa.Table.from_pandas(df, preserve_index=False).combine_chunks()
    return _write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="snappy"))


def read_table(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a Parquet table written by an upstream stage, with a clear error when it is missing."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; run `dvc repro` (or the stage that writes it) first")
    return pd.read_parquet(path, columns=columns)


def digest_files(digest: "hashlib._Hash", files: Iterable[Path], base: Path) -> None:
    """Feed `digest` each file's path relative to `base` and its sha256, in path order: one hash for a set of files."""
    for path in sorted(files):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


#: Keys bound per `select_in` query, well under SQLite's limit on bound variables.
SQL_KEYS_PER_QUERY = 500


def select_in(db, select: str, fixed: Iterable[Any], keys: list[Any]) -> Iterator[tuple]:
    """Rows of `select` + " IN (keys)" from a sqlite3 connection, the keys bound SQL_KEYS_PER_QUERY at a time after
    the `fixed` parameters (the caches' batched look-ups: `select` ends with "... AND key")."""
    fixed = tuple(fixed)
    for i in range(0, len(keys), SQL_KEYS_PER_QUERY):
        part = keys[i : i + SQL_KEYS_PER_QUERY]
        yield from db.execute(f"{select} IN ({','.join('?' * len(part))})", (*fixed, *part))


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


def read_json_object(path: Path) -> dict[str, Any]:
    """A stage's metrics (or other JSON object) file; {} when it does not exist yet, a clear error when it is not
    a JSON object."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid JSON ({exc}); re-run the stage that writes it") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a JSON object; re-run the stage that writes it")
    return data


def write_json(value: Any, path: Path) -> Path:
    """Write JSON (sorted keys, indented) atomically."""
    text = to_json(value, indent=2, sort_keys=True) + "\n"
    return _write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


#: The longest `text` a JSON Lines passage may have (characters); a longer one becomes an error for its line, so
#: one runaway line never takes the parser's memory (spaCy needs about 1 GB per 100,000 characters parsed).
MAX_TEXT_CHARS = 100_000
#: The rest of an over-long input line is skipped in chunks of this many bytes, never held whole.
_CHUNK = 1 << 20


@dataclass
class JsonlRecord:
    """One input line: the parsed object, or the reason it could not be used (`blank`: an empty line)."""

    line_no: int
    data: dict[str, Any] | None
    error: str | None = None
    blank: bool = False


def _bounded_lines(handle, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, the line's bytes or None when longer than `max_bytes`, its length): reads in bounded
    chunks, so a line of any length costs at most `max_bytes` of memory."""
    line_no = 0
    while True:
        chunk = handle.readline(max_bytes + 1)
        if not chunk:
            return
        line_no += 1
        if len(chunk) <= max_bytes or chunk.endswith(b"\n"):
            yield line_no, chunk, len(chunk)
            continue
        size = len(chunk)
        while not chunk.endswith(b"\n"):
            chunk = handle.readline(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
        yield line_no, None, size


def _lone_surrogate(value: Any) -> bool:
    """Whether a parsed JSON value holds a string that is not valid Unicode (a lone surrogate such as \\ud800)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogate(v) for v in value)
    return False


def _line_problem(data: Any, required: tuple[str, ...], max_text_chars: int) -> str | None:
    """Why a parsed line cannot be used (without the file:line prefix), or None."""
    if not isinstance(data, dict):
        return "expected a JSON object"
    if _lone_surrogate(data):
        return "invalid Unicode (a lone surrogate escape such as \\ud800)"
    missing = [k for k in required if k not in data]
    if missing:
        return f"missing field(s) {', '.join(missing)}"
    if "id" in required and isinstance(data.get("id"), (dict, list)):
        return "field 'id' must be a string or number"
    text = data.get("text")
    if "text" in required and not isinstance(text, str):
        return "field 'text' must be a string"
    if isinstance(text, str) and len(text) > max_text_chars:
        return f"text of {len(text)} characters is longer than the limit of {max_text_chars}"
    return None


def read_jsonl(path: Path, required: tuple[str, ...] = ("id", "text"), keep_blank: bool = False,
               max_text_chars: int = MAX_TEXT_CHARS) -> Iterator[JsonlRecord]:
    """Yield every line (blank ones only with `keep_blank`); a line that is not valid UTF-8, not JSON, not an
    object, holds a lone surrogate, lacks a required field or has an over-long text comes back with an error
    naming file and line, and the reading goes on."""
    max_bytes = max_text_chars * 4 + 64 * 1024  # UTF-8 text at its widest plus room for the other fields
    with open(path, "rb") as handle:
        for line_no, raw, size in _bounded_lines(handle, max_bytes):
            where = f"{path}:{line_no}"
            if raw is None:
                yield JsonlRecord(line_no, None, f"{where}: line of {size} bytes is longer than the limit "
                                                 f"of {max_bytes} (text limit {max_text_chars} characters)")
                continue
            try:
                line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield JsonlRecord(line_no, None, f"{where}: not valid UTF-8 (byte {exc.start})")
                continue
            if not line.strip():
                if keep_blank:
                    yield JsonlRecord(line_no, None, blank=True)
                continue
            try:
                data = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
                yield JsonlRecord(line_no, None, f"{where}: not valid JSON ({msg})")
                continue
            problem = _line_problem(data, required, max_text_chars)
            # the object is handed on with its error (callers quote its id), unless it cannot be written back out
            keep = data if isinstance(data, dict) else None
            if keep is not None and problem and _lone_surrogate(keep):
                keep = {"id": keep.get("id")} if not _lone_surrogate(keep.get("id")) else None
            yield JsonlRecord(line_no, keep, f"{where}: {problem}" if problem else None)
