"""The one place that decides which target mentions later analyses see: in-sense only, or all of them.

Later stages call `in_sense_mentions(paths, sense_filter(params.exclude_off_sense))`, with
`params = cfg.section("senses", SensesParams)`, so the `senses.exclude_off_sense` switch acts everywhere.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.io import read_table
from pipelines.paths import Paths
from pipelines.senses.settings import ALL, IN_SENSE, LABELS

SENSES_FILE = "senses.parquet"


def senses_path(paths: Paths) -> Path:
    """data/senses/senses.parquet (written by the `senses` stage)."""
    return paths.data / "senses" / SENSES_FILE


def _check_choice(senses: str) -> None:
    if senses != ALL and senses not in LABELS:
        raise ValueError(f"senses must be '{ALL}' or one of {', '.join(LABELS)}; got '{senses}'")


def filter_senses(df: pd.DataFrame, senses: str = IN_SENSE) -> pd.DataFrame:
    """Rows of `df` whose `sense` is `senses` ("participatory" by default); `"all"` keeps every row."""
    _check_choice(senses)
    if senses == ALL:
        return df.reset_index(drop=True)
    if "sense" not in df.columns:
        raise KeyError("filter_senses needs a 'sense' column (join with senses.parquet first)")
    return df[df["sense"] == senses].reset_index(drop=True)


def join_senses(mentions: pd.DataFrame, senses: pd.DataFrame) -> pd.DataFrame:
    """Target mentions with their sense columns; a target mention without a sense row is an error."""
    target = mentions[mentions["is_target"].astype(bool)]
    extra = [c for c in senses.columns if c not in target.columns or c == "mention_id"]
    out = target.merge(senses[extra], on="mention_id", how="left", validate="one_to_one")
    missing = out["sense"].isna()
    if missing.any():
        ids = ", ".join(out.loc[missing, "mention_id"].astype(str).head(5))
        raise ValueError(
            f"{int(missing.sum())} target mention(s) have no sense (e.g. {ids}): senses.parquet is older than "
            "mentions.parquet; run `dvc repro senses` (or `python -m pipelines.senses.stage`)"
        )
    out["in_sense"] = out["in_sense"].astype(bool)
    return out.reset_index(drop=True)


def in_sense_mentions(paths: Paths, senses: str = IN_SENSE) -> pd.DataFrame:
    """Target mentions (mentions.parquet, `is_target`) joined with senses.parquet, filtered by `senses`."""
    _check_choice(senses)
    mentions = read_table(paths.mentions)
    sense_rows = read_table(senses_path(paths))
    return filter_senses(join_senses(mentions, sense_rows), senses)
