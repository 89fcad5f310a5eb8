"""Co-production beside its neighbours: one row per concept, one column per compared measure (share of in-sense
mentions, Needham & Carr levels, micro/macro scope, users' role, elasticity index), as a shaded grid with the
values written in; a concept with too few mentions keeps its row, labelled too small, with empty cells."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import esc, no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import style
from pipelines.tables import require

#: (facet, key, column label) in drawing order; facets are separated by white lines.
COLUMNS = [
    ("sense", "participatory", "in sense"),
    ("level", "descriptive", "descriptive"), ("level", "intermediate", "intermediate"),
    ("level", "transformative", "transformative"),
    ("scope", "micro", "micro"), ("scope", "macro", "macro"),
    ("agency", "agent", "users agent"), ("agency", "partner", "users partner"), ("agency", "object", "users object"),
    ("agency", "absent", "users absent"),
    ("elasticity", "index", "elasticity"),
]


def _row_label(head: pd.Series) -> str:
    name = esc(head["concept"], 24, wrap=None)
    if head["status"] != "ok":
        return f"{name} (n={int(head['n_kept'])}, too small)"
    return f"{name} (n={int(head['n_kept'])})"


def concept_comparison(profiles: pd.DataFrame, params: FiguresParams | None = None) -> go.Figure:
    """The grid from the `concept_profiles` table (shares 0-1; the elasticity index is 0-1 too)."""
    require(profiles, ["concept", "status", "n_kept", "min_mentions", "facet", "key", "value", "count", "detail"],
            "concept_profiles table")
    params = params or FiguresParams()
    title = "Co-production beside its neighbouring concepts"
    if profiles.empty:
        return no_data(title, "no concepts were profiled", params)
    heads = profiles.drop_duplicates("concept").reset_index(drop=True)
    z = np.full((len(heads), len(COLUMNS)), np.nan)
    hover = [["" for _ in COLUMNS] for _ in range(len(heads))]
    for i, head in heads.iterrows():
        rows = profiles[profiles["concept"] == head["concept"]]
        colls = rows[rows["facet"] == "collocate"]["key"].astype(str).head(5).tolist()
        for j, (facet, key, label) in enumerate(COLUMNS):
            hit = rows[(rows["facet"] == facet) & (rows["key"] == key)]
            name = html.escape(str(head["concept"]))
            if head["status"] != "ok" and facet != "elasticity":
                hover[i][j] = (f"{name}: too small ({int(head['n_kept'])} kept mentions; needs "
                               f"{int(head['min_mentions'])})")
                continue
            if hit.empty or pd.isna(hit["value"].iloc[0]):
                why = html.escape(str(hit["detail"].iloc[0]))[:120] if len(hit) else "not available"
                hover[i][j] = f"{name} - {label}: {why}"
                continue
            v = float(hit["value"].iloc[0])
            z[i, j] = v
            if facet == "elasticity":
                ci = rows[rows["facet"] == "elasticity"].set_index("key")["value"]
                hover[i][j] = f"{name} - elasticity index {v:.2f} [{ci.get('ci_low', np.nan):.2f}, " \
                              f"{ci.get('ci_high', np.nan):.2f}]"
            else:
                hover[i][j] = f"{name} - {label}: {v:.0%} ({int(hit['count'].iloc[0])})"
            if colls:
                hover[i][j] += "<br>top collocates: " + html.escape(", ".join(colls))
    text = [["" if np.isnan(v) else (f"{v:.2f}" if COLUMNS[j][0] == "elasticity" else f"{v:.0%}")
             for j, v in enumerate(row)] for row in z]
    labels = [c[2] for c in COLUMNS]
    fig = go.Figure(go.Heatmap(
        z=z, x=labels, y=[_row_label(h) for _, h in heads.iterrows()], zmin=0, zmax=1, colorscale="Blues",
        text=text, texttemplate="%{text}", hovertext=hover, hoverinfo="text", xgap=1, ygap=1,
        showscale=False,  # every cell has its value written in; the shade only guides the eye
    ))
    bounds = [j - 0.5 for j in range(1, len(COLUMNS)) if COLUMNS[j][0] != COLUMNS[j - 1][0]]
    for x in bounds:
        fig.add_shape(type="line", x0=x, x1=x, y0=-0.5, y1=len(heads) - 0.5, line=dict(color="white", width=4))
    fig.update_layout(title=dict(text=title), plot_bgcolor="#eeeeee")
    fig.update_xaxes(tickangle=-45, showline=False, ticks="")
    fig.update_yaxes(autorange="reversed", showline=False, ticks="")
    return style(fig, params, "double", height_mm=max(55.0, 40.0 + 7.0 * len(heads)))
