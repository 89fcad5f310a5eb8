"""Keyword-in-context concordance over the mentions table: select, sort (AntConc-style), format, export."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipelines.text.lexicon import Lexicon

ALL = "all"
SORTS = ("doc", "left", "right")
CSV_COLUMNS = ["doc_id", "title", "genre", "year", "sense", "left", "keyword", "right", "start", "end"]
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_SPACE = re.compile(r"\s+")


class KwicError(ValueError):
    """A concordance request that cannot be served (unknown term or genre, bad width)."""


def select(mentions: pd.DataFrame, lexicon: Lexicon, term: str, genre: str | None = None) -> pd.DataFrame:
    """Mentions of the concept `term` names (any spelling, or `all`), optionally of one genre."""
    rows = mentions
    if term.lower() != ALL:
        try:
            concept = lexicon.resolve(term)
        except KeyError as exc:
            raise KwicError(f"{exc.args[0]} (or '{ALL}')") from exc
        rows = rows[rows["concept"] == concept]
    if genre is not None:
        genres = sorted(mentions["genre"].astype(str).unique())
        if genre not in genres:
            raise KwicError(f"unknown genre '{genre}': valid genres are {', '.join(genres) or '(none)'}")
        rows = rows[rows["genre"] == genre]
    return rows


def add_senses(mentions: pd.DataFrame, senses: pd.DataFrame | None) -> pd.DataFrame:
    """Mentions with a `sense` column: each target mention's sense from the senses stage; empty for other
    concepts, and for every mention when the senses stage has not run (`senses` is None)."""
    out = mentions.copy()
    if senses is None:
        out["sense"] = ""
        return out
    out = out.merge(senses[["mention_id", "sense"]], on="mention_id", how="left", validate="many_to_one")
    out["sense"] = out["sense"].fillna("").astype(str)
    return out


def filter_sense(rows: pd.DataFrame, sense: str) -> pd.DataFrame:
    """Target mentions of sense `sense` (or every one for "all"); mentions of other concepts carry no sense and
    are kept. Raises when a sense is asked for but no mention has one (the senses stage has not run)."""
    from pipelines.senses.select import keeps

    if sense == ALL:
        return rows
    if not (rows["sense"] != "").any() and len(rows):
        raise KwicError(f"--sense {sense}: no sense labels yet (run `dvc repro senses`), or use --sense all")
    mask = [s == "" or keeps(s, sense) for s in rows["sense"]]
    return rows[mask]


def exact_spelling(rows: pd.DataFrame, spelling: str) -> pd.DataFrame:
    """Only the mentions written `spelling` (case-insensitive), not the concept's other forms."""
    if spelling.lower() == ALL:
        raise KwicError("--exact needs a spelling, not 'all'")
    return rows[rows["surface"].astype(str).str.casefold() == spelling.casefold()]


def counts(rows: pd.DataFrame) -> dict[str, pd.Series]:
    """Mentions by spelling (as written, case folded), genre and sense: `colens kwic --summary`."""
    sense = rows["sense"].replace("", "(none)") if "sense" in rows else pd.Series(["(none)"] * len(rows))
    return {"spelling": rows["surface"].astype(str).str.casefold().value_counts(),
            "genre": rows["genre"].astype(str).value_counts(), "sense": sense.value_counts()}


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def concordance(rows: pd.DataFrame, width: int) -> pd.DataFrame:
    """One line per mention: whitespace-flattened left/right context cut to `width` characters."""
    out = rows[["doc_id", "title", "genre", "year", "start", "end"]].copy()
    out["sense"] = rows["sense"].to_numpy() if "sense" in rows else ""
    out["left"] = [_flat(t)[-width:] if width else "" for t in rows["left"]]
    out["keyword"] = [_flat(t) for t in rows["surface"]]
    out["right"] = [_flat(t)[:width] for t in rows["right"]]
    out["_left_words"] = [[w.casefold() for w in reversed(_WORD.findall(t))] for t in rows["left"]]
    out["_right_words"] = [[w.casefold() for w in _WORD.findall(t)] for t in rows["right"]]
    return out.reset_index(drop=True)


def sort_lines(lines: pd.DataFrame, by: str) -> pd.DataFrame:
    """Order by document position, by the words leftwards from the keyword (L1, L2, ...) or rightwards."""
    if by not in SORTS:
        raise KwicError(f"unknown sort '{by}': choose one of {', '.join(SORTS)}")
    position = list(zip(lines["doc_id"], lines["start"]))
    if by == "doc":
        keys = position
    else:
        words = lines["_left_words"] if by == "left" else lines["_right_words"]
        keys = list(zip(words, position))
    order = sorted(range(len(lines)), key=keys.__getitem__)
    return lines.iloc[order].reset_index(drop=True)


def format_lines(lines: pd.DataFrame, width: int, highlight=lambda kw: kw) -> list[str]:
    """Terminal lines under a header: hit number, left context right-aligned, the (highlighted) keyword, right
    context, document and sense."""
    kw_width = max((len(k) for k in lines["keyword"]), default=len("keyword"))
    out = [f"{'#':>5}  {'left':>{width}}  {'keyword':<{kw_width}}  {'right':<{width}}  doc_id  sense"]
    for n, row in enumerate(lines.itertuples(index=False), start=1):
        keyword = highlight(row.keyword) + " " * (kw_width - len(row.keyword))
        out.append(f"{n:>5}  {row.left:>{width}}  {keyword}  {row.right:<{width}}  {row.doc_id}  {row.sense}")
    return out


def write_csv(lines: pd.DataFrame, path: Path) -> Path:
    """The concordance as CSV (UTF-8), one row per line, for spreadsheets and QDA software."""
    from pipelines.io import write_csv as write_spreadsheet_csv  # formula-leading cells neutralised

    return write_spreadsheet_csv(lines[CSV_COLUMNS], path)
