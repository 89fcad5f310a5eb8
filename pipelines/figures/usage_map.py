"""Usage map: every in-sense mention context in 2-D (the usage stage's projection), coloured by usage cluster
or by sense, with the concordance line (left | KEYWORD | right) and its source in the hover label."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import esc, no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import color_map, style
from pipelines.tables import require

TITLE = "Usage map of co-production"


def _concordance(row: pd.Series, width: int) -> str:
    left = esc(str(row["left"])[-width:], wrap=None)
    right = esc(str(row["right"])[:width], wrap=None)
    return f"…{left} <b>{esc(row['surface'], wrap=None)}</b> {right}…"


def _cluster_names(contexts: pd.DataFrame, topics: pd.DataFrame | None) -> pd.Series:
    labels = {}
    if topics is not None and len(topics):
        labels = {int(t): str(lab) for t, lab in zip(topics["topic"], topics["label"])}

    def name(c: int) -> str:
        if c == -1:
            return "outliers"
        return f"{c}: {labels[c]}" if c in labels else f"cluster {c}"

    return contexts["cluster"].astype(int).map(name)


def usage_map(contexts: pd.DataFrame, mentions: pd.DataFrame, topics: pd.DataFrame | None = None,
              senses: pd.DataFrame | None = None, color_by: str = "cluster",
              params: FiguresParams | None = None) -> go.Figure:
    """Scatter of contexts.x/y; `color_by` "cluster" (topics give the names) or "sense" (needs `senses`)."""
    params = params or FiguresParams()
    require(contexts, ["mention_id", "doc_id", "genre", "year", "context", "cluster", "x", "y"], "usage contexts")
    require(mentions, ["mention_id", "left", "surface", "right", "title"], "mentions")
    if color_by not in ("cluster", "sense"):
        raise ValueError(f"color_by must be 'cluster' or 'sense', got {color_by!r}")
    if contexts.empty:
        return no_data(TITLE, "no in-sense mentions to place on the map", params, "double")
    df = contexts.merge(mentions[["mention_id", "left", "surface", "right", "title"]], on="mention_id", how="left",
                        validate="one_to_one")
    lost = df["surface"].isna()
    if lost.any():
        raise ValueError(f"{int(lost.sum())} usage context(s) have no row in the mentions table "
                         f"(e.g. {df.loc[lost, 'mention_id'].iloc[0]}): re-run the usage stage")
    if color_by == "sense":
        if senses is None:
            raise ValueError("color_by='sense' needs the senses table")
        df = df.merge(senses[["mention_id", "sense"]], on="mention_id", how="left")
        df["group"] = df["sense"].fillna("unknown").astype(str)
    else:
        df["group"] = _cluster_names(df, topics)
    width = 70
    df["hover"] = [
        f"{_concordance(r, width)}<br><br>{esc(r['title'], params.hover_chars)}<br>"
        f"{html.escape(str(r['genre']))}, {html.escape(str(r['year']))} · {html.escape(str(r['doc_id']))}"
        f"<br>{html.escape(str(r['group']))}"
        for _, r in df.iterrows()
    ]
    groups = sorted(df["group"].unique(), key=lambda g: (g == "outliers", g))
    colours = color_map(groups)
    fig = go.Figure()
    for g in groups:
        part = df[df["group"] == g]
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers", name=html.escape(g),
            marker=dict(color=colours[g], size=7, opacity=0.85, line=dict(width=0.5, color="white")),
            hovertext=part["hover"], hoverinfo="text",
        ))
    fig.update_layout(title=dict(text=f"{TITLE}, by {'usage cluster' if color_by == 'cluster' else 'sense'}"),
                      legend=dict(title_text=color_by, itemsizing="constant"))
    fig.update_xaxes(showticklabels=False, ticks="", title_text="dimension 1")
    fig.update_yaxes(showticklabels=False, ticks="", title_text="dimension 2")
    return style(fig, params, "double", height_mm=100)
