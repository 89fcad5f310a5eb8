"""Corpus summary tables for the report: files by status, documents by genre and year, removed page chrome."""

from __future__ import annotations

import pandas as pd

from pipelines.figures import Tables, year_key


def files_by_status(manifest: pd.DataFrame) -> pd.DataFrame:
    """status, files (every manifest row counted)."""
    counts = manifest["status"].fillna("unknown").value_counts().rename_axis("status").reset_index(name="files")
    return counts.sort_values("status", ignore_index=True)


def files_not_read(manifest: pd.DataFrame) -> pd.DataFrame:
    """Every skipped or failed file with its reason (so nothing disappears from the record)."""
    bad = manifest[manifest["status"].astype(str) != "ok"]
    return bad[["file", "format", "status", "reason"]].reset_index(drop=True)


def documents_by_genre_year(documents: pd.DataFrame) -> pd.DataFrame:
    """A genre x year count table with totals."""
    if documents.empty:
        return pd.DataFrame({"genre": [], "total": []})
    years = sorted(documents["year"].astype(str).unique(), key=year_key)
    table = pd.crosstab(documents["genre"].astype(str), documents["year"].astype(str)).reindex(columns=years,
                                                                                                fill_value=0)
    table["total"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    return table.reset_index().rename(columns={"index": "genre"}).rename_axis(None, axis=1)


def removals_by_reason(removals: pd.DataFrame) -> pd.DataFrame:
    """reason, spans, characters, documents: what cleaning removed, by rule."""
    if removals.empty:
        return pd.DataFrame(columns=["reason", "spans", "characters", "documents"])
    df = removals.assign(chars=(removals["end"] - removals["start"]).astype(int))
    out = df.groupby("reason").agg(spans=("chars", "size"), characters=("chars", "sum"),
                                   documents=("doc_id", "nunique")).reset_index()
    return out.sort_values(["characters", "reason"], ascending=[False, True], ignore_index=True)


def summary_tables(tables: Tables) -> list[tuple[str, pd.DataFrame]]:
    """(caption, table) pairs for the corpus section."""
    manifest, docs = tables.manifest, tables.documents
    out = [("Files by status", files_by_status(manifest)),
           ("Documents by genre and year", documents_by_genre_year(docs))]
    not_read = files_not_read(manifest)
    if len(not_read):
        out.append(("Files skipped or failed, with the reason", not_read))
    out.append(("Page chrome removed by cleaning, by rule", removals_by_reason(tables.removals)))
    return out
