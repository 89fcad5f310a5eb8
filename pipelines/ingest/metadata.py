"""metadata.csv at the corpus root: one row per file (doc_id, file, title, genre, year, authors, source)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.records import UNKNOWN, IngestError, ReadFailure, clean_value, year_of

COLUMNS = ("doc_id", "file", "title", "genre", "year", "authors", "source")


@dataclass
class MetadataTable:
    """Rows keyed by their `file` value; `used` remembers which rows matched a corpus file."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def lookup(self, rel_path: str) -> dict[str, str] | None:
        """The row for a file, by relative path first, then by base name when exactly one row has it."""
        row = self.rows.get(rel_path)
        key = rel_path
        if row is None:
            name = PurePosixPath(rel_path).name
            matches = [k for k in self.rows if PurePosixPath(k).name == name and "/" not in k]
            if len(matches) == 1:
                key, row = matches[0], self.rows[matches[0]]
        if row is not None:
            self.used.add(key)
        return row

    def unmatched(self) -> list[str]:
        """`file` values of rows that named no file in the corpus."""
        return sorted(set(self.rows) - self.used)


def load_metadata(path: Path) -> MetadataTable:
    """Parse metadata.csv; any malformed row raises IngestError naming the file and line."""
    if not path.exists():
        return MetadataTable()
    try:
        text, _ = decode_bytes(path.read_bytes())
    except ReadFailure as exc:
        raise IngestError(f"{path}: cannot read metadata: {exc}") from exc
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "file" not in header:
            raise IngestError(f"{path}:1: metadata.csv needs a 'file' column (found: {', '.join(header) or 'nothing'})")
        unknown = [h for h in header if h not in COLUMNS]
        if unknown:
            raise IngestError(f"{path}:1: unknown column(s) {', '.join(unknown)}; expected {', '.join(COLUMNS)}")
        table = MetadataTable()
        seen_ids: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise IngestError(f"{path}:{line}: {len(row)} fields where the header has {len(header)}")
            values = {h: clean_value(v) for h, v in zip(header, row)}
            file = values["file"]
            if file == UNKNOWN:
                raise IngestError(f"{path}:{line}: empty 'file' value")
            file = PurePosixPath(file.replace("\\", "/")).as_posix()
            if file in table.rows:
                raise IngestError(f"{path}:{line}: file '{file}' is listed twice")
            doc_id = values.get("doc_id", UNKNOWN)
            if doc_id != UNKNOWN:
                if doc_id in seen_ids:
                    raise IngestError(f"{path}:{line}: doc_id '{doc_id}' already used on line {seen_ids[doc_id]}")
                seen_ids[doc_id] = line
            if "year" in values and values["year"] != UNKNOWN:
                year = year_of(values["year"])
                if year == UNKNOWN:
                    raise IngestError(f"{path}:{line}: year '{values['year']}' is not a year")
                values["year"] = year
            table.rows[file] = values
    except csv.Error as exc:
        raise IngestError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from exc
    return table
