"""Literature themes by genre and year: the share of in-sense passages assigned to each theme, as a heatmap
(one row per genre and per year, one column per theme, the share written in each cell; counts on hover)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import no_data, year_key
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import OKABE_ITO, style
from pipelines.tables import require

COLUMNS = ["level", "group", "theme", "n_passages", "n_assigned", "share"]


def _label(theme: str) -> str:
    """A theme name as a column label ("organisational narrative")."""
    return html.escape(theme.replace("_", " "))


def theme_shares(table: pd.DataFrame, params: FiguresParams | None = None) -> go.Figure:
    """`table` is themes_by_group (level, group, theme, n_passages, n_assigned, share)."""
    require(table, COLUMNS, "themes_by_group table")
    params = params or FiguresParams()
    title = "Literature themes of co-production passages by genre and year"
    rows = table[table["level"].isin(["genre", "year"]) & (table["n_passages"].astype(int) > 0)].copy()
    if rows.empty:
        return no_data(title, "no in-sense co-production passages were coded", params)
    themes = list(dict.fromkeys(table["theme"].astype(str)))
    order = sorted({(lv, str(g)) for lv, g in zip(rows["level"], rows["group"])},
                   key=lambda k: (k[0] != "genre", year_key(k[1]) if k[0] == "year" else (0, k[1])))
    n_of = {(lv, str(g)): int(n) for lv, g, n in zip(rows["level"], rows["group"], rows["n_passages"])}
    cell = {(lv, str(g), str(t)): (float(s), int(k)) for lv, g, t, s, k in
            zip(rows["level"], rows["group"], rows["theme"], rows["share"], rows["n_assigned"])}
    names = [f"{html.escape(g if lv == 'genre' or g.isdigit() else f'{lv} {g}')} n={n_of[(lv, g)]}" for lv, g in order]
    z = [[cell.get((lv, g, t), (0.0, 0))[0] for t in themes] for lv, g in order]
    hover = [[f"{html.escape(g)} ({lv})<br>{html.escape(t.replace('_', ' '))}: "
              f"{cell.get((lv, g, t), (0.0, 0))[1]} of {n_of[(lv, g)]} passages "
              f"({cell.get((lv, g, t), (0.0, 0))[0]:.0%})" for t in themes] for lv, g in order]
    fig = go.Figure(go.Heatmap(
        z=z, x=[_label(t) for t in themes], y=names, zmin=0, zmax=1, showscale=False,
        colorscale=[[0.0, "#FFFFFF"], [1.0, OKABE_ITO[0]]], xgap=1, ygap=1,
        text=[[f"{v:.0%}" for v in row] for row in z], texttemplate="%{text}",
        hovertext=hover, hoverinfo="text",
    ))
    fig.update_layout(title=dict(text=title))
    fig.update_xaxes(tickangle=-35, showline=False, ticks="")
    fig.update_yaxes(autorange="reversed", showline=False, ticks="")
    return style(fig, params, "double" if len(themes) > 6 else "single", height_mm=max(50.0, 30.0 + 6.0 * len(order)))
