"""Every CSV a researcher may open in a spreadsheet neutralises formula-leading cells (the OWASP rule), and CSVs
coming back from a spreadsheet (cp1252, apostrophes) read as they were written."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from pipelines.io import (
    neutralise_formula, restore_formula, spreadsheet_rows, write_csv, write_table,
)

PAYLOADS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tindent", "\rcarriage", "'=quoted"]


def _cells(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


@pytest.mark.parametrize("value", PAYLOADS)
def test_formula_cells_get_an_apostrophe_and_come_back_exactly(value):
    safe = neutralise_formula(value)
    assert safe.startswith("'") and restore_formula(safe) == value
    assert neutralise_formula("plain text") == "plain text" and neutralise_formula(-3) == -3
    assert restore_formula("'apostrophe kept") == "'apostrophe kept"


def test_tables_kwic_and_annotate_export_write_safe_csv(tmp_path):
    from pipelines.annotate.export import write_export
    from pipelines.mentions.kwic import CSV_COLUMNS, write_csv as kwic_csv

    df = pd.DataFrame({"text": PAYLOADS, "n": range(len(PAYLOADS))})
    for path in (write_table(df, tmp_path / "t.csv"), write_csv(df, tmp_path / "w.csv"),
                 write_export(df, tmp_path / "export.csv", "csv")):
        cells = _cells(path)
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], path
        assert "0" in cells  # numbers untouched
        assert [row["text"] for _, row in spreadsheet_rows(path)] == PAYLOADS
    kwic = pd.DataFrame({c: ["=1+1"] for c in CSV_COLUMNS})
    assert set(_cells(kwic_csv(kwic, tmp_path / "kwic.csv"))) == set(CSV_COLUMNS) | {"'=1+1"}


def test_manifest_csv_neutralises_file_names(cfg, tmp_path):
    from tests.ingest.helpers import PROSE, ingest_folder

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "=cmd.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "@evil.md").write_text(PROSE, encoding="utf-8")
    ingest_folder(cfg, corpus, tmp_path / "out")
    manifest = tmp_path / "out" / "data" / "ingest" / "manifest.csv"
    cells = _cells(manifest)
    assert "'=cmd.txt" in cells and "'@evil.md" in cells and "=cmd.txt" not in cells


def test_a_cp1252_spreadsheet_csv_is_read_with_its_characters(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_bytes("id,text,label\nx,Caf\u00e9 \u2013 co-production,yes\ny,'=SUM(1),no\n".encode("cp1252"))
    rows = [row for _, row in spreadsheet_rows(path)]
    assert rows[0]["text"] == "Caf\u00e9 \u2013 co-production" and rows[1]["text"] == "=SUM(1)"


def test_a_killed_write_leaves_no_stray_temporary_file(tmp_path):
    import subprocess
    import sys
    import time

    target = tmp_path / "t.parquet"
    code = ("import os, time, pandas as pd; from pipelines import io\n"
            "io.os.replace = lambda *a: time.sleep(60)\n"
            f"io.write_table(pd.DataFrame({{'a': [1]}}), __import__('pathlib').Path({str(target)!r}))\n")
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.time() + 60
    while not list(tmp_path.glob("*.tmp")) and time.time() < deadline:
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    assert list(tmp_path.glob(".t.parquet.*.tmp"))  # what a killed write leaves behind ...
    write_table(pd.DataFrame({"a": [2]}), target)
    assert not list(tmp_path.glob("*.tmp"))  # ... the next write of that table clears
    assert pd.read_parquet(target)["a"].tolist() == [2]
