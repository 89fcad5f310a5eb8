"""The report's searchable tables: the target's definitions, the corpus glossary and every user narrative,
each with its source document.

Columns the table catalogue guarantees (`pipelines.tables`) are used as they are; `score` of narratives is optional."""

from __future__ import annotations

import json

import pandas as pd

from pipelines.figures import Tables

SOURCE_COLUMNS = ["doc_id", "title", "genre", "year", "source"]


def _with_source(df: pd.DataFrame, documents: pd.DataFrame, table: str) -> pd.DataFrame:
    """`df` joined with its source document's title, genre, year and source (`table` names it in errors)."""
    docs = documents[SOURCE_COLUMNS].rename(columns={"genre": "doc_genre"})
    out = df.merge(docs, on="doc_id", how="left", validate="many_to_one")
    lost = out["title"].isna()
    if lost.any():
        raise ValueError(f"{table} table: {int(lost.sum())} row(s) name a document missing from the documents "
                         f"table (e.g. {out.loc[lost, 'doc_id'].iloc[0]}); re-run the stages after ingest")
    return out


def definitions_table(tables: Tables, target: bool = True) -> pd.DataFrame:
    """One row per definition of the target concept (`target`) or of any other term (the corpus glossary):
    term, text, score and source document; the target's definitions also carry their family and its flag."""
    defs = tables.definitions
    defs = defs[defs["is_target_term"].astype(bool) == target]
    families = tables.definition_families[["family_id", "label", "flag"]].rename(
        columns={"label": "family", "flag": "family flag"})
    df = defs.merge(families, on="family_id", how="left")
    df = _with_source(df, tables.documents, "definitions")
    df["score"] = df["score"].astype(float)
    df = df.sort_values(["family_id", "doc_id", "def_id"] if target else ["term", "doc_id", "def_id"])
    columns = ["family", "family flag"] if target else []
    return df[columns + ["term", "text", "score", "title", "doc_genre", "year", "source", "doc_id"]].rename(
        columns={"doc_genre": "genre", "text": "definition", "title": "document"}).reset_index(drop=True)


def _decided_by(evidence: object) -> str:
    try:
        return str(json.loads(evidence).get("decided_by", "")) if isinstance(evidence, str) else ""
    except (json.JSONDecodeError, AttributeError):
        return ""


def narratives_table(tables: Tables, which: str = "user_narratives") -> pd.DataFrame:
    """User narratives (or every cue candidate) with stance, score, how it was decided and the source."""
    narr = tables.narratives
    keep = narr["is_user_narrative"].fillna(False).astype(bool)
    if which == "candidates":
        keep = keep | narr["candidate"].fillna(False).astype(bool)
    df = narr[keep].copy()
    df["decided by"] = df["evidence"].map(_decided_by)
    if "score" not in df:
        df["score"] = float("nan")
    df = _with_source(df.drop(columns=["genre"]), tables.documents, "narratives")
    df = df.sort_values(["doc_id", "start"])
    return df[["stance", "score", "text", "decided by", "title", "doc_genre", "year", "source", "doc_id"]].rename(
        columns={"doc_genre": "genre", "text": "narrative", "title": "document"}).reset_index(drop=True)


def _evidence_text(value: object, key: str) -> str:
    """The `key` fields of a JSON evidence list, joined (`text` of sentences, `term` of seed terms)."""
    try:
        items = json.loads(value) if isinstance(value, str) else []
    except json.JSONDecodeError:
        return ""
    return " | ".join(dict.fromkeys(str(i.get(key, "")) for i in items if isinstance(i, dict)))


def themes_table(tables: Tables) -> pd.DataFrame:
    """Every passage coded with a literature theme: the theme, score, evidence sentences and seed terms, source."""
    themes = tables.themes
    df = themes[themes["assigned"].astype(bool)].copy()
    df["score"] = df["score"].astype(float)
    df["evidence"] = df["evidence_sentences"].map(lambda v: _evidence_text(v, "text"))
    df["seed terms"] = df["evidence_terms"].map(lambda v: _evidence_text(v, "term"))
    df = _with_source(df.drop(columns=["genre", "year"]), tables.documents, "themes")
    df = df.sort_values(["theme", "score"], ascending=[True, False])
    return df[["theme", "score", "evidence", "seed terms", "title", "doc_genre", "year", "source", "doc_id"]].rename(
        columns={"doc_genre": "genre", "title": "document"}).reset_index(drop=True)
