"""The one home of the sense filter: which target mentions (or sense labels) later analyses see.

Stages call `in_sense_mentions(paths, sense_filter(params.exclude_off_sense))`, with
`params = cfg.section("senses", SensesParams)`, so the `senses.exclude_off_sense` switch acts everywhere;
passage-level code asks `keeps(label, senses)` of one label.
"""

from __future__ import annotations

import pandas as pd

from pipelines.paths import Paths
from pipelines.senses.settings import ALL, IN_SENSE, LABELS
from pipelines.tables import TABLES, require


def _check_choice(senses: str) -> None:
    if senses != ALL and senses not in LABELS:
        raise ValueError(f"senses must be '{ALL}' or one of {', '.join(LABELS)}; got '{senses}'")


def keeps(label: str, senses: str = IN_SENSE) -> bool:
    """Whether the filter `senses` ("participatory" by default, or "all") keeps a mention labelled `label`."""
    _check_choice(senses)
    return senses == ALL or label == senses


def filter_senses(df: pd.DataFrame, senses: str = IN_SENSE) -> pd.DataFrame:
    """Rows of `df` whose `sense` is `senses` ("participatory" by default); `"all"` keeps every row."""
    _check_choice(senses)
    if senses == ALL:
        return df.reset_index(drop=True)
    require(df, ["sense"], "filter_senses (join with the senses table first)")
    return df[df["sense"] == senses].reset_index(drop=True)  # keeps(), vectorised


def join_senses(mentions: pd.DataFrame, senses: pd.DataFrame) -> pd.DataFrame:
    """Target mentions with their sense columns; a target mention without a sense row is an error."""
    target = mentions[mentions["is_target"].astype(bool)]
    extra = [c for c in senses.columns if c not in target.columns or c == "mention_id"]
    out = target.merge(senses[extra], on="mention_id", how="left", validate="one_to_one")
    missing = out["sense"].isna()
    if missing.any():
        ids = ", ".join(out.loc[missing, "mention_id"].astype(str).head(5))
        raise ValueError(
            f"{int(missing.sum())} target mention(s) have no sense (e.g. {ids}): the senses table is older than "
            "the mentions table; run `dvc repro senses` (or `python -m pipelines.senses.stage`)"
        )
    out["in_sense"] = out["in_sense"].astype(bool)
    return out.reset_index(drop=True)


def in_sense_mentions(paths: Paths, senses: str = IN_SENSE) -> pd.DataFrame:
    """Target mentions (mentions table, `is_target`) joined with the senses table, filtered by `senses`."""
    _check_choice(senses)
    mentions = TABLES["mentions"].read(paths)
    sense_rows = TABLES["senses"].read(paths)
    return filter_senses(join_senses(mentions, sense_rows), senses)
