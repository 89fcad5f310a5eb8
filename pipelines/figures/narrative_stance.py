"""Stance of user narratives per genre (co-opted, transformative, neutral), stacked counts with example
quotes (the most confident narratives of that genre and stance) in the hover label."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import esc, no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import legend_top, OKABE_ITO, style
from pipelines.narratives.settings import STANCES
from pipelines.tables import require

TITLE = "Stance of user narratives by genre"
COLOURS = {"co-opted": OKABE_ITO[3], "transformative": OKABE_ITO[0], "neutral": OKABE_ITO[1]}


def _quotes(part: pd.DataFrame, stance: str, params: FiguresParams) -> str:
    col = f"p_{stance}" if f"p_{stance}" in part.columns else ("score" if "score" in part.columns else None)
    ranked = part.sort_values(col, ascending=False, na_position="last") if col else part
    quotes = [f"“{esc(t, params.hover_chars // 2)}”<br>— {html.escape(str(d))}"
              for t, d in zip(ranked["text"].head(params.quotes_per_group), ranked["doc_id"])]
    return "<br><br>".join(quotes)


def narrative_stance(narratives: pd.DataFrame, params: FiguresParams | None = None) -> go.Figure:
    """Bars of user-narrative counts per genre, one colour per stance."""
    params = params or FiguresParams()
    require(narratives, ["doc_id", "text", "genre", "is_user_narrative", "stance"], "narratives table")
    narr = narratives[narratives["is_user_narrative"].fillna(False).astype(bool)]
    if narr.empty:
        return no_data(TITLE, "no user narratives were detected in this corpus", params)
    genres = sorted(narr["genre"].astype(str).unique())
    stances = STANCES + sorted(set(narr["stance"].astype(str)) - set(STANCES))
    fig = go.Figure()
    for s in stances:
        counts, hover = [], []
        for g in genres:
            part = narr[(narr["genre"].astype(str) == g) & (narr["stance"].astype(str) == s)]
            counts.append(len(part))
            hover.append(f"<b>{html.escape(g)}: {len(part)} {html.escape(s)}</b>"
                         + (f"<br><br>{_quotes(part, s, params)}" if len(part) else ""))
        fig.add_trace(go.Bar(x=[html.escape(g) for g in genres], y=counts, name=html.escape(s),
                             marker_color=COLOURS.get(s, "#999999"), hovertext=hover, hoverinfo="text"))
    fig.update_layout(title=dict(text=TITLE), barmode="stack", legend=legend_top(len(stances)))
    fig.update_yaxes(title_text="user narratives", rangemode="tozero", dtick=1 if len(narr) <= 10 else None)
    return style(fig, params, "single", height_mm=70)
