"""Helpers every figure uses: escaped hover text, the "no data" figure and the year sort key."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from pipelines.figures.settings import FiguresParams
from pipelines.figures.theme import Width, style


def esc(value: object, max_chars: int | None = None, wrap: int | None = 60) -> str:
    """Document text made safe for a plotly hover label or an HTML table.

    Plotly renders <a>, <b>, <br>... in hover text, so the text is HTML-escaped first; then it is cut to
    `max_chars` (with an ellipsis) and wrapped with our own <br> every `wrap` characters."""
    text = " ".join(str("" if value is None or (isinstance(value, float) and pd.isna(value)) else value).split())
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    lines = textwrap.wrap(text, wrap) if wrap else [text]
    return "<br>".join(html.escape(line, quote=True) for line in lines) or ""


def no_data(title: str, reason: str, params: FiguresParams | None = None, width: Width = "single") -> go.Figure:
    """An empty figure that says why it is empty, instead of a crash or a blank plot."""
    fig = go.Figure()
    fig.add_annotation(text=f"No data: {html.escape(reason)}", x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(size=13, color="#555555"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(title=dict(text=html.escape(title)), meta={"no_data": reason})
    return style(fig, params, width, height_mm=40)


def is_no_data(fig: go.Figure) -> bool:
    """True for figures made by `no_data`."""
    meta = fig.layout.meta
    return isinstance(meta, dict) and "no_data" in meta


def year_key(value: object) -> tuple[int, str]:
    """Sort key for year strings: numeric years in order, 'unknown' and other labels last."""
    s = str(value)
    return (int(s), s) if s.isdigit() else (10**6, s)
