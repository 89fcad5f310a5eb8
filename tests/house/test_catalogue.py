"""The table catalogue is the one place a table is named, and the README and ARCHITECTURE agree with it."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pipelines.paths import ROOT
from pipelines.tables import TABLES, TableError, require, table


def _outputs_section(readme: str) -> str:
    match = re.search(r"^## Outputs\s*$(.*?)(?=^## )", readme, flags=re.M | re.S)
    assert match, "README.md has no '## Outputs' section"
    return match.group(1)


def test_every_catalogue_table_is_in_the_readme_outputs_table():
    section = _outputs_section((ROOT / "README.md").read_text(encoding="utf-8"))
    missing = [t.name for t in TABLES.values() if f"{t.stage}/{t.file}" not in section]
    assert not missing, f"README 'Outputs' lacks: {', '.join(missing)} (write them as `<stage>/<file>`)"


def test_every_readme_output_file_is_in_the_catalogue():
    section = _outputs_section((ROOT / "README.md").read_text(encoding="utf-8"))
    named = set(re.findall(r"`data/([a-z_]+/[a-z_]+\.(?:parquet|csv))`", section))
    known = {f"{t.stage}/{t.file}" for t in TABLES.values()}
    assert named <= known, f"README names tables the catalogue lacks: {sorted(named - known)}"


def test_architecture_points_to_the_catalogue():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert "pipelines/tables.py" in text


def test_no_table_file_name_is_spelled_outside_the_catalogue():
    files = {t.file for t in TABLES.values()}
    pattern = re.compile(r"""["'/]({})["']""".format("|".join(re.escape(f) for f in files)))
    offenders = []
    for path in sorted((ROOT / "pipelines").rglob("*.py")):
        if path.name == "tables.py" and path.parent.name == "pipelines":
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{no}: {line.strip()}")
    assert not offenders, "table file names outside pipelines/tables.py:\n" + "\n".join(offenders)


def test_require_names_the_place_and_the_missing_columns():
    df = pd.DataFrame({"a": [1]})
    assert require(df, ["a"], "x") is df
    with pytest.raises(TableError, match=r"somewhere: lacks column\(s\) b, c"):
        require(df, ["a", "b", "c"], "somewhere")


def test_read_names_the_stage_when_a_table_is_missing(tmp_paths):
    with pytest.raises(FileNotFoundError, match="`usage` stage"):
        table("contexts").read(tmp_paths)
    with pytest.raises(TableError, match="unknown table"):
        table("nope")


def test_write_refuses_a_table_without_its_columns(tmp_paths):
    with pytest.raises(TableError, match="lacks column"):
        table("topics").write(pd.DataFrame({"topic": [0]}), tmp_paths)
    assert not table("topics").exists(tmp_paths)


def test_every_stage_folder_holds_its_tables():
    assert {t.name for t in TABLES.values() if t.stage == "ingest"} == {"documents", "removals", "manifest"}
    assert len({(t.stage, t.file) for t in TABLES.values()}) == len(TABLES)
