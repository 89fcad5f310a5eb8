"""Definition families: how many definitions of each family every genre contributes, with the family's
representative definition in the hover label (the full texts are in the report's definitions table)."""

from __future__ import annotations

import html
import json

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.common import esc, no_data
from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import legend_top, color_map, style
from pipelines.tables import require

TITLE = "Definition families of co-production by genre"


def _genre_counts(value: object, family: object) -> dict[str, int]:
    if isinstance(value, dict):
        return {str(k): int(v) for k, v in value.items()}
    try:
        parsed = json.loads(value) if isinstance(value, str) and value else {}
    except json.JSONDecodeError as exc:
        raise ValueError(f"definition family {family}: 'genres' is not valid JSON ({exc.msg})") from exc
    if isinstance(parsed, list):  # a list of genre names, one per definition
        out: dict[str, int] = {}
        for g in parsed:
            out[str(g)] = out.get(str(g), 0) + 1
        return out
    return {str(k): int(v) for k, v in parsed.items()}


def definition_families(families: pd.DataFrame, params: FiguresParams | None = None) -> go.Figure:
    """Horizontal stacked bars: one bar per family, one segment per genre (definition counts)."""
    params = params or FiguresParams()
    require(families, ["family_id", "label", "representative", "n_definitions", "genres"], "definition families")
    if families.empty:
        return no_data(TITLE, "no definitions of co-production were found", params)
    fam = families.sort_values(["n_definitions", "family_id"], ascending=[True, True]).reset_index(drop=True)
    counts = [_genre_counts(g, f) for g, f in zip(fam["genres"], fam["family_id"])]
    names = [f"{html.escape(str(lab))[:40]} ({int(n)})" for lab, n in zip(fam["label"], fam["n_definitions"])]
    genres = sorted({g for c in counts for g in c})
    colours = color_map(genres)
    reps = [esc(r, params.hover_chars) for r in fam["representative"]]
    fig = go.Figure()
    for g in genres or ["unknown"]:
        fig.add_trace(go.Bar(
            y=names, x=[c.get(g, 0) for c in counts], name=html.escape(g), orientation="h",
            marker_color=colours.get(g),
            hovertext=[f"<b>{n}</b><br>{html.escape(g)}: {c.get(g, 0)} definition(s)<br><br>“{r}”"
                       for n, c, r in zip(names, counts, reps)],
            hoverinfo="text",
        ))
    fig.update_layout(title=dict(text=TITLE), barmode="stack", legend=legend_top(len(genres)))
    fig.update_xaxes(title_text="definitions")
    return style(fig, params, "double", height_mm=max(50.0, 25.0 + 8.0 * len(fam)))
