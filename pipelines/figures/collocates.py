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
from pipelines.figures.theme import color_map, mm_to_px, pt_to_px, style, wrap_px
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
    height_mm = max(60.0, 16.0 + nrows * (14.0 + 4.5 * params.top_collocates))
    # between rows: the x tick labels of the row above, then the panel title (two lines at most)
    font = pt_to_px(params.font_size_pt)
    names = ["<br>".join(wrap_px(s.replace("_", " "), 62, font)) for s in scopes]
    title_lines = max(n.count("<br>") + 1 for n in names)
    gap_px = 22 + title_lines * font * 1.3 + 8
    gap = gap_px / max(100.0, mm_to_px(height_mm) - 90) if nrows > 1 else 0.0
    fig = make_subplots(rows=nrows, cols=ncols, subplot_titles=[html.escape(n).replace("&lt;br&gt;", "<br>")
                                                                for n in names],
                        horizontal_spacing=0.16, vertical_spacing=min(gap, 0.5 / max(1, nrows - 1)))
    fig.update_annotations(font_size=font)  # the panel titles, at the base font size
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
    for i in range(len(scopes)):  # the score's name under the lowest panel of each column only
        if i + ncols >= len(scopes):
            fig.update_xaxes(title_text=SCORE_NAMES[score], row=i // ncols + 1, col=i % ncols + 1)
    fig.update_layout(title=dict(text=f"{TITLE} ({SCORE_NAMES[score]})"), bargap=0.2)
    return style(fig, params, "double", height_mm=height_mm)
