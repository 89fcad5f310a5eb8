"""Toy tables for stage tests: fill in the catalogue columns a test does not care about, so a small frame can be
written and read through `pipelines.tables` (which checks every catalogue column)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from pipelines.paths import Paths
from pipelines.tables import TABLES

#: Neutral values for catalogue columns a toy row leaves out (anything not listed gets "unknown").
DEFAULTS: dict[str, Any] = {
    "is_target": True, "in_sense": True, "start": 0, "end": 0, "sent_start": 0, "sent_id": 0, "para_id": 0,
    "year": 0, "sense_score": 1.0,
}


def complete(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """`df` with every catalogue column of table `name`; `sense_sentence` copies `sense` when it is there."""
    out = df.copy()
    for col in TABLES[name].columns:
        if col in out.columns:
            continue
        if col == "sense_sentence" and "sense" in out.columns:
            out[col] = out["sense"]
        else:
            out[col] = DEFAULTS.get(col, "unknown")
    return out


def write(df: pd.DataFrame, name: str, paths: Paths) -> pd.DataFrame:
    """Write a toy table `name` (completed) where its stage would; returns what was written."""
    out = complete(df, name)
    TABLES[name].write(out, paths)
    return out
