"""The four component scores behind the elasticity index (usage, senses, definitions, collocates) per group.

Shows *why* a genre is elastic: dispersed usage, many usage clusters, many definition families or varied
collocates. An undefined component (e.g. too few definitions) is marked, not drawn as zero.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import no_data, year_key
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import legend_top, OKABE_ITO, style
from pipelines.tables import require

SCORES = {"score_usage": "usage dispersion", "score_senses": "usage clusters", "score_definitions": "definitions",
          "score_collocates": "collocates"}


def elasticity_components(elasticity: pd.DataFrame, level: str = "genre",
                          params: FiguresParams | None = None) -> go.Figure:
    """Grouped bars: one bar per component score (0..1) for the corpus and every measured group of `level`."""
    require(elasticity, ["level", "group", "status", *SCORES], "elasticity table")
    title = f"Components of elasticity by {level}"
    rows = elasticity[(elasticity["level"] == level)].copy()
    rows = rows[rows[list(SCORES)].notna().any(axis=1)]
    corpus = elasticity[(elasticity["level"] == "corpus") & elasticity[list(SCORES)].notna().any(axis=1)]
    if rows.empty and corpus.empty:
        return no_data(title, f"no measured {level} groups and no corpus value", params)
    rows["group"] = rows["group"].astype(str)
    order = sorted(rows["group"], key=year_key) if level == "year" else sorted(rows["group"])
    rows = pd.concat([corpus.assign(group="whole corpus"), rows.set_index("group").loc[order].reset_index()],
                     ignore_index=True)
    fig = go.Figure()
    for i, (col, name) in enumerate(SCORES.items()):
        values = rows[col]
        fig.add_trace(go.Bar(
            x=rows["group"], y=values.fillna(0.0), name=name, marker_color=OKABE_ITO[i],
            marker_pattern_shape=["/" if pd.isna(v) else "" for v in values],
            hovertext=[f"{html.escape(g)}: {name} " + ("undefined" if pd.isna(v) else f"{v:.3f}")
                       for g, v in zip(rows["group"], values)],
            hoverinfo="text",
        ))
    fig.update_layout(title=dict(text=title), barmode="group", bargap=0.25,
                      legend=legend_top(len(SCORES)))
    fig.update_yaxes(title_text="score (0-1)", range=[0, 1.02])
    fig.update_xaxes(title_text=level)
    return style(fig, params, "double", height_mm=75)
