"""The `Tables` loader: a lazy, column-checked view over the table catalogue."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.figures import Tables
from pipelines.io import write_table
from pipelines.tables import TABLES, TableError
from tests.figure_samples import write_samples


def test_missing_table_file_names_the_file_and_stage(tmp_paths):
    with pytest.raises(FileNotFoundError, match=r"agency\.parquet.*`agency` stage"):
        Tables(tmp_paths).agency


def test_tables_by_attribute_or_name_read_once(tmp_paths):
    frames = write_samples(tmp_paths)
    tables = Tables(tmp_paths)
    for name in frames:
        assert len(tables.get(name)) == len(frames[name])
        assert getattr(tables, name) is tables.get(name)  # read once, then served from memory
    assert tables.manifest["status"].tolist() == frames["manifest"]["status"].tolist()  # CSV, read as text
    assert tables.titles["d2"] == "Second"


def test_unknown_tables_and_missing_columns_are_errors(tmp_paths):
    tables = Tables(tmp_paths)
    with pytest.raises(TableError, match="unknown table 'nope'; known: documents"):
        tables.get("nope")
    with pytest.raises(AttributeError):
        tables.nope  # noqa: B018
    write_table(pd.DataFrame({"topic": [0], "label": ["x"]}), TABLES["topics"].path(tmp_paths))
    with pytest.raises(KeyError, match=r"lacks column\(s\) size, is_outlier; re-run the `usage` stage"):
        tables.topics
