"""One paper-ready look for every figure: Okabe-Ito colours on `simple_white`, explicit print sizes, no LaTeX.

Sizes are physical (mm at 96 px per inch, the unit kaleido writes SVG/PDF in), so a figure made for an
85 mm column is exactly that wide in the PDF, and its fonts are the stated point sizes.
"""

from __future__ import annotations

import copy
from typing import Literal

import plotly.graph_objects as go
import plotly.io as pio

from pipelines.figures.settings import FiguresParams

# Okabe & Ito (2008), ordered so the first colours contrast best on white; yellow and black come last.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
GREY = "#999999"
PX_PER_INCH = 96.0
MM_PER_INCH = 25.4
Width = Literal["single", "double"]


def legend_top(n_items: int, per_row: int = 4) -> dict:
    """Horizontal legend between title and plot (never collides with axis titles), in even columns."""
    return dict(orientation="h", yanchor="bottom", y=1.01, x=0, xanchor="left", entrywidthmode="fraction",
                entrywidth=1.0 / max(1, min(n_items, per_row)) - 0.01)


def mm_to_px(mm: float) -> int:
    return round(mm / MM_PER_INCH * PX_PER_INCH)


def pt_to_px(pt: float) -> float:
    return pt * PX_PER_INCH / 72.0


def template(params: FiguresParams | None = None) -> go.layout.Template:
    """`simple_white` with the Okabe-Ito colourway and the configured font."""
    params = params or FiguresParams()
    base = copy.deepcopy(pio.templates["simple_white"])
    size = pt_to_px(params.font_size_pt)
    base.layout.update(
        colorway=OKABE_ITO,
        font=dict(family=params.font_family, size=size, color="#222222"),
        title=dict(font=dict(size=size * 1.2), x=0.0, xanchor="left", y=0.98, yanchor="top"),
        legend=dict(font=dict(size=size * 0.95), bgcolor="rgba(255,255,255,0)", tracegroupgap=2),
        hoverlabel=dict(font=dict(family=params.font_family, size=12), align="left", namelength=-1),
        margin=dict(l=10, r=10, t=34, b=10, autoexpand=True),
    )
    base.layout.xaxis.update(automargin=True, title=dict(standoff=4))
    base.layout.yaxis.update(automargin=True, title=dict(standoff=4))
    return base


def color_map(keys: list[str]) -> dict[str, str]:
    """A stable colour per key (sorted order), cycling the palette; 'unknown'/'outlier' keys are grey."""
    out, i = {}, 0
    for key in keys:
        if str(key).lower() in {"unknown", "outlier", "outliers", "n/a", "none"}:
            out[key] = GREY
        else:
            out[key] = OKABE_ITO[i % len(OKABE_ITO)]
            i += 1
    return out


def style(fig: go.Figure, params: FiguresParams | None = None, width: Width = "single",
          height_mm: float | None = None) -> go.Figure:
    """Apply the template and an explicit print size (single or double column) to `fig`, in place."""
    params = params or FiguresParams()
    mm = params.single_column_mm if width == "single" else params.double_column_mm
    height = height_mm if height_mm is not None else mm * (0.8 if width == "single" else 0.5)
    fig.update_layout(template=template(params), width=mm_to_px(mm), height=mm_to_px(height), autosize=False)
    return fig


def restyle(fig: go.Figure, width_mm: float, height_mm: float, font_size_pt: float | None = None,
            font_family: str | None = None) -> go.Figure:
    """A copy of `fig` resized for another journal's column (and optionally font), e.g. 90 mm x 70 mm, 7 pt."""
    out = go.Figure(fig)
    out.update_layout(width=mm_to_px(width_mm), height=mm_to_px(height_mm), autosize=False)
    if font_size_pt is not None:
        out.update_layout(font=dict(size=pt_to_px(font_size_pt)))
    if font_family is not None:
        out.update_layout(font=dict(family=font_family))
    return out
