"""Agency: who co-produces with, involves or consults whom, as a Sankey from agent category to partner
category (relations parsed by the agency stage); link hover gives the count and the voice breakdown."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import color_map, style
from pipelines.tables import require

TITLE = "Who co-produces with whom: agent → partner"


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def agency_sankey(agency: pd.DataFrame, params: FiguresParams | None = None) -> go.Figure:
    """Sankey of relation counts; agents on the left, partners (or parties acted upon) on the right."""
    require(agency, ["agent_category", "partner_category", "voice"], "agency table")
    if agency.empty:
        return no_data(TITLE, "no agent/partner relations were found", params, "double")
    df = agency.assign(agent_category=agency["agent_category"].fillna("none").astype(str),
                       partner_category=agency["partner_category"].fillna("none").astype(str),
                       voice=agency["voice"].fillna("unknown").astype(str))
    links = df.groupby(["agent_category", "partner_category"]).agg(n=("voice", "size")).reset_index()
    voices = df.groupby(["agent_category", "partner_category"])["voice"].value_counts().unstack(fill_value=0)
    agents = sorted(links["agent_category"].unique())
    partners = sorted(links["partner_category"].unique())
    categories = sorted(set(agents) | set(partners))
    colours = color_map(categories)
    def show(c: str) -> str:
        return "not stated" if c == "none" else html.escape(c.replace("_", " "))

    labels = [show(a) for a in agents] + [show(p) for p in partners]
    node_colours = [colours[a] for a in agents] + [colours[p] for p in partners]
    src = [agents.index(a) for a in links["agent_category"]]
    dst = [len(agents) + partners.index(p) for p in links["partner_category"]]
    hover = []
    for a, p, n in zip(links["agent_category"], links["partner_category"], links["n"]):
        v = voices.loc[(a, p)]
        parts = ", ".join(f"{html.escape(str(k))} {int(c)}" for k, c in v.items() if c)
        hover.append(f"{html.escape(a)} → {html.escape(p)}: {int(n)} relation(s)<br>{parts}")
    fig = go.Figure(go.Sankey(
        arrangement="snap", domain=dict(x=[0, 1], y=[0, 0.94]),  # room above the top node's label for the headers
        node=dict(label=labels, color=node_colours, pad=12, thickness=12, line=dict(width=0.5, color="white"),
                  hovertemplate="%{label}: %{value} relation(s)<extra></extra>"),
        link=dict(source=src, target=dst, value=links["n"].tolist(),
                  color=[_rgba(colours[a], 0.35) for a in links["agent_category"]],
                  customdata=hover, hovertemplate="%{customdata}<extra></extra>"),
    ))
    fig.add_annotation(text="agent", x=0, y=1.0, xref="paper", yref="paper", showarrow=False, xanchor="left",
                       yanchor="bottom")
    fig.add_annotation(text="partner / party acted upon", x=1, y=1.0, xref="paper", yref="paper",
                       showarrow=False, xanchor="right", yanchor="bottom")
    fig.update_layout(title=dict(text=TITLE))
    return style(fig, params, "double", height_mm=90)
