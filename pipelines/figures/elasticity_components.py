"""The component scores behind the elasticity index (usage, clusters, definitions, collocates, sense spread).

Shows *why* a genre is elastic: dispersed usage, many usage clusters, many definition families, varied
collocates or mentions spread over senses. An undefined component (e.g. too few definitions) is marked, not
drawn as zero; a score the level's index leaves out (some group lacks it) is marked in the hover text.
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
#: Drawn when the table has it (tables written before the score existed do not).
OPTIONAL = {"score_sense_spread": "sense spread"}


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
    scores = {**SCORES, **{k: v for k, v in OPTIONAL.items() if k in elasticity.columns}}
    used = rows["index_components"] if "index_components" in rows else pd.Series([None] * len(rows))
    fig = go.Figure()
    for i, (col, name) in enumerate(scores.items()):
        values = rows[col]
        undefined = values.isna()
        # An undefined score is a full-height, faint, hatched bar: visible at any size, never a bar at zero.
        fig.add_trace(go.Bar(
            x=rows["group"], y=values.fillna(1.0), name=name, marker_color=OKABE_ITO[i % len(OKABE_ITO)],
            marker_opacity=[0.25 if u else 1.0 for u in undefined],
            marker_pattern_shape=["/" if u else "" for u in undefined],
            hovertext=[f"{html.escape(g)}: {name} " + ("undefined" if pd.isna(v) else f"{v:.3f}")
                       + (" (left out of this level's index)" if isinstance(u, str) and col not in u.split(",")
                          and pd.notna(v) else "")
                       for g, v, u in zip(rows["group"], values, used)],
            hoverinfo="text",
        ))
    fig.update_layout(title=dict(text=title), barmode="group", bargap=0.25,
                      legend=legend_top(len(scores)))
    fig.update_yaxes(title_text="score (0-1)", range=[0, 1.02])
    fig.update_xaxes(title_text=level)
    return style(fig, params, "double", height_mm=75)
