"""Collocates of co-production per genre: small multiples of the top lemmas by logDice (or MI / log-likelihood)
within the usage stage's window, with frequency and every score on hover."""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pipelines.figures.common import no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import color_map, style
from pipelines.tables import require

TITLE = "Collocates of co-production by genre"
CORPUS = "corpus"
SCORE_NAMES = {"logdice": "logDice", "mi": "MI", "ll": "log-likelihood"}


def collocates_by_genre(collocates: pd.DataFrame, params: FiguresParams | None = None) -> go.Figure:
    """One panel per scope (corpus first, then genres): top `params.top_collocates` lemmas by the chosen score."""
    params = params or FiguresParams()
    require(collocates, ["scope", "lemma", "freq", "logdice", "mi", "ll"], "collocates table")
    score = params.collocate_score
    if collocates.empty:
        return no_data(TITLE, "no lemma co-occurs with co-production often enough to be scored", params, "double")
    scopes = sorted(collocates["scope"].astype(str).unique(), key=lambda s: (s != CORPUS, s))
    ncols = min(3, len(scopes))
    nrows = math.ceil(len(scopes) / ncols)
    fig = make_subplots(rows=nrows, cols=ncols, subplot_titles=[html.escape(s) for s in scopes],
                        horizontal_spacing=0.12, vertical_spacing=0.12 if nrows > 1 else 0.0)
    colours = color_map(scopes)
    for i, scope in enumerate(scopes):
        part = collocates[collocates["scope"].astype(str) == scope]
        top = part.sort_values([score, "freq", "lemma"], ascending=[False, False, True]).head(params.top_collocates)
        top = top.iloc[::-1]
        fig.add_trace(go.Bar(
            x=top[score], y=[html.escape(str(lem)) for lem in top["lemma"]], orientation="h", showlegend=False,
            marker_color=colours[scope], name=html.escape(scope),
            hovertext=[f"<b>{html.escape(str(lem))}</b> ({html.escape(scope)})<br>freq {int(f)}<br>"
                       f"logDice {ld:.2f} · MI {mi:.2f} · LL {ll:.1f}"
                       for lem, f, ld, mi, ll in zip(top["lemma"], top["freq"], top["logdice"], top["mi"], top["ll"])],
            hoverinfo="text",
        ), row=i // ncols + 1, col=i % ncols + 1)
    fig.update_xaxes(title_text=SCORE_NAMES[score])
    fig.update_layout(title=dict(text=f"{TITLE} ({SCORE_NAMES[score]})"), bargap=0.2)
    return style(fig, params, "double", height_mm=max(60.0, 12.0 + nrows * (8.0 + 5.0 * params.top_collocates)))
