"""Level counts and shares per document and per genre.

A sentence with two mentions is one claim: aggregation counts distinct (doc_id, sent_id) claims.
"""

from __future__ import annotations

import pandas as pd

from pipelines.levels.settings import LABELS


def _col(prefix: str, label: str) -> str:
    return prefix + label.replace("/", "")


def _counts(claims: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = pd.crosstab([claims[k] for k in keys], claims["level"]).reindex(columns=LABELS, fill_value=0)
    table.columns = [_col("n_", lab) for lab in LABELS]
    out = table.reset_index()
    n_cols = [_col("n_", lab) for lab in LABELS]
    out.insert(len(keys), "n_claims", out[n_cols].sum(axis=1))
    for lab in LABELS:
        out[_col("share_", lab)] = out[_col("n_", lab)] / out["n_claims"]
    return out


def claims(levels: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct claim (document sentence), keeping its level and genre."""
    return levels.drop_duplicates(["doc_id", "sent_id"])[["doc_id", "sent_id", "genre", "level"]]


def by_document(levels: pd.DataFrame) -> pd.DataFrame:
    """doc_id, genre, n_claims, n_<label>, share_<label>."""
    empty = pd.DataFrame(columns=["doc_id", "genre", "n_claims"] + [_col(p, lab) for p in ("n_", "share_") for lab in LABELS])
    return empty if levels.empty else _counts(claims(levels), ["doc_id", "genre"])


def by_genre(levels: pd.DataFrame) -> pd.DataFrame:
    """genre, n_documents, n_claims, n_<label>, share_<label>."""
    cols = ["genre", "n_documents", "n_claims"] + [_col(p, lab) for p in ("n_", "share_") for lab in LABELS]
    if levels.empty:
        return pd.DataFrame(columns=cols)
    c = claims(levels)
    out = _counts(c, ["genre"])
    out.insert(1, "n_documents", out["genre"].map(c.groupby("genre")["doc_id"].nunique()))
    return out[cols]
