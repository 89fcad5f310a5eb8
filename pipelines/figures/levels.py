"""Needham & Carr level of co-production claims: the share of descriptive, intermediate and transformative
claims (and claims with no level, n/a) per genre or per document, as 100% stacked bars with counts on hover."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import esc, no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import legend_top, GREY, OKABE_ITO, style
from pipelines.levels.settings import LABELS
from pipelines.tables import require

COLOURS = {"descriptive": OKABE_ITO[4], "intermediate": OKABE_ITO[0], "transformative": OKABE_ITO[3], "n/a": GREY}


def _col(prefix: str, label: str) -> str:
    return prefix + label.replace("/", "")


def level_distribution(table: pd.DataFrame, by: str = "genre", titles: dict[str, str] | None = None,
                       params: FiguresParams | None = None) -> go.Figure:
    """`table` is level_by_genre (by="genre") or level_by_document (by="document"; `titles` label the bars)."""
    key = "genre" if by == "genre" else "doc_id"
    require(table, [key, "n_claims", *[_col("n_", lab) for lab in LABELS]], f"level_by_{by} table")
    params = params or FiguresParams()
    title = f"Needham & Carr level of co-production claims by {by}"
    rows = table[table["n_claims"] > 0].copy()
    if rows.empty:
        return no_data(title, "no in-sense co-production claims were classified", params)
    if by == "document":
        total = len(rows)
        if total > params.top_documents:  # a bar per document does not fit a page: the most-claimed ones
            rows = rows.sort_values(["n_claims", key], ascending=[False, True]).head(params.top_documents)
            title += f" (top {params.top_documents} of {total} documents by number of claims)"
        rows = rows.sort_values(["genre", key])
        names = [f"{esc((titles or {}).get(str(d), str(d)), 26, wrap=None)} ({html.escape(str(g))})"
                 for d, g in zip(rows[key], rows["genre"])]
    else:
        rows = rows.sort_values(key)
        names = [html.escape(str(g)) for g in rows[key]]
    names = [f"{n} n={int(c)}" for n, c in zip(names, rows["n_claims"])]
    fig = go.Figure()
    for lab in LABELS:
        n = rows[_col("n_", lab)].astype(int)
        share = n / rows["n_claims"]
        fig.add_trace(go.Bar(
            y=names, x=share, name=lab, orientation="h", marker_color=COLOURS[lab],
            hovertext=[f"{nm}<br>{lab}: {k} of {int(t)} claims ({s:.0%})"
                       for nm, k, t, s in zip(names, n, rows["n_claims"], share)],
            hoverinfo="text",
        ))
    fig.update_layout(title=dict(text=title), barmode="stack", legend=legend_top(len(LABELS)),
                      legend_traceorder="normal")
    fig.update_xaxes(title_text="share of claims", tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    width = "single" if by == "genre" else "double"
    return style(fig, params, width, height_mm=max(50.0, 28.0 + 5.0 * len(rows)))
