"""Elasticity index per genre or per year with its bootstrap confidence interval (dot-and-whisker).

Groups too small to measure stay on the axis, marked "too small", so nothing is silently dropped; the corpus
value is a dashed reference line.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import no_data, year_key
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import legend_top, GREY, OKABE_ITO, style
from pipelines.tables import require

CORPUS_LABEL_FLIP = 0.6  # a corpus line further right than this is labelled on its left
COLUMNS = ["level", "group", "n_mentions", "n_docs", "index", "ci_low", "ci_high", "status"]


def elasticity_by(elasticity: pd.DataFrame, level: str = "genre", params: FiguresParams | None = None) -> go.Figure:
    """Index and CI of every group of `level` ("genre", "year", "document")."""
    require(elasticity, COLUMNS, "elasticity table")
    title = f"Elasticity of co-production by {level}"
    rows = elasticity[elasticity["level"] == level].copy()
    if rows.empty:
        return no_data(title, f"no {level} groups in the elasticity table", params)
    rows["group"] = rows["group"].astype(str)
    order = sorted(rows["group"], key=year_key) if level == "year" else sorted(rows["group"])
    rows = rows.set_index("group").loc[order].reset_index()
    measured = rows[rows["index"].notna()]
    labels = [f"{html.escape(g)} (n={int(n)})" for g, n in zip(rows["group"], rows["n_mentions"])]
    label_of = dict(zip(rows["group"], labels))
    fig = go.Figure()
    built = measured["index_components"] if "index_components" in measured else pd.Series([""] * len(measured))
    hover = [
        f"{html.escape(g)}<br>index {i:.3f} [{lo:.3f}, {hi:.3f}]<br>{int(m)} mentions in {int(d)} documents"
        + (f"<br>from {html.escape(str(u).replace('score_', '').replace(',', ', '))}" if isinstance(u, str) and u
           else "")
        for g, i, lo, hi, m, d, u in zip(measured["group"], measured["index"],
                                         measured["ci_low"].fillna(float("nan")),
                                         measured["ci_high"].fillna(float("nan")), measured["n_mentions"],
                                         measured["n_docs"], built)
    ]
    # Years are joined by a line; a group that is not a year (`unknown`) stands apart, never on that line.
    joined = measured["group"].str.isdigit() if level == "year" else pd.Series(False, index=measured.index)
    for part, mode, legend in ((joined, "markers+lines", True), (~joined, "markers", not joined.any())):
        sub = measured[part.to_numpy()]
        if sub.empty:
            continue
        fig.add_trace(go.Scatter(
            x=sub["index"], y=[label_of[g] for g in sub["group"]], mode=mode,
            marker=dict(color=OKABE_ITO[0], size=8), line=dict(color=OKABE_ITO[0], width=1),
            error_x=dict(type="data", symmetric=False, array=(sub["ci_high"] - sub["index"]).tolist(),
                         arrayminus=(sub["index"] - sub["ci_low"]).tolist(), color=OKABE_ITO[0], thickness=1.2,
                         width=3),
            name="index (95% CI)", showlegend=legend,
            hovertext=[h for h, keep in zip(hover, part.to_numpy()) if keep], hoverinfo="text",
        ))
    small = rows[rows["index"].isna()]
    if len(small):
        fig.add_trace(go.Scatter(
            x=[0.0] * len(small), y=[label_of[g] for g in small["group"]], mode="markers",
            marker=dict(symbol="x-thin-open", color=GREY, size=8), name="too small to measure",
            hovertext=[f"{html.escape(g)}: {html.escape(str(s))} ({int(m)} mentions, {int(d)} documents)"
                       + (f"<br>{html.escape(str(x))}" if isinstance(x, str) and x else "")
                       for g, s, m, d, x in zip(small["group"], small["status"], small["n_mentions"], small["n_docs"],
                                                small["status_detail"] if "status_detail" in small
                                                else [""] * len(small))],
            hoverinfo="text",
        ))
    corpus = elasticity[(elasticity["level"] == "corpus") & elasticity["index"].notna()]
    if len(corpus):
        value = float(corpus["index"].iloc[0])
        fig.add_vline(x=value, line=dict(color=GREY, dash="dash", width=1))
        # On the side of the line with room for the label: right of a high value it would run off the figure.
        left = value > CORPUS_LABEL_FLIP
        fig.add_annotation(x=value, y=1.0, yref="paper", text=f"corpus {value:.2f}", showarrow=False,
                           yanchor="top", xanchor="right" if left else "left", xshift=-3 if left else 3,
                           font=dict(color="#555555"))
    fig.update_layout(title=dict(text=title), showlegend=len(small) > 0,
                      legend=legend_top(2))
    fig.update_xaxes(title_text="elasticity index (0–1)", range=[0, 1.02])
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1] if level != "year" else labels[::-1])
    return style(fig, params, "single", height_mm=max(45.0, 18.0 + 9.0 * len(rows)))
