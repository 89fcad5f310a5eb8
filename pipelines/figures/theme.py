"""One paper-ready look for every figure: Okabe-Ito colours on `simple_white`, explicit print sizes, no LaTeX.

Sizes are physical (mm at 96 px per inch, the unit kaleido writes SVG/PDF in), so a figure made for an
85 mm column is exactly that wide in the PDF, and its fonts are the stated point sizes.
"""

from __future__ import annotations

import copy
import re
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


CHAR_EM = 0.6          # a generous average glyph width (em) of Arial/Helvetica, for estimating text width
LEGEND_SYMBOL_PX = 46  # a legend entry's symbol and gaps beside its text
LINE = 1.3             # line height (em)
DEFAULT_TOP_PX = 34    # the template's top margin: a one-line title
MIN_PLOT_PX = 90       # smallest plot-area height fit_header leaves


def legend_top(n_items: int = 0, per_row: int = 4) -> dict:
    """Horizontal legend between title and plot; `fit_header` (run by `style`/`restyle`) places it below the
    title and reserves its rows in the top margin. The arguments are kept for older callers."""
    return dict(orientation="h", xref="container", yref="container", x=0.01, xanchor="left", yanchor="top",
                entrywidthmode="pixels", entrywidth=0)


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
        title=dict(font=dict(size=size * 1.2), x=0.01, xanchor="left", xref="container", y=1.0, yanchor="top",
                   yref="container", pad=dict(t=4, l=0)),
        legend=dict(font=dict(size=size * 0.95), bgcolor="rgba(255,255,255,0)", tracegroupgap=2),
        hoverlabel=dict(font=dict(family=params.font_family, size=12), align="left", namelength=-1),
        margin=dict(l=10, r=10, t=DEFAULT_TOP_PX, b=10, autoexpand=True),
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
    return fit_header(fig, grow=True)


def text_px(text: str, font_px: float) -> float:
    """Estimated drawn width of one line of `text` (tags removed, entities counted as one glyph)."""
    plain = re.sub(r"&[#\w]+;", "x", re.sub(r"<[^>]+>", "", text))
    return len(plain) * CHAR_EM * font_px


def wrap_px(text: str, width_px: float, font_px: float) -> list[str]:
    """`text` (earlier <br> breaks undone) broken at spaces into lines that fit `width_px`."""
    words = re.sub(r"<br\s*/?>", " ", text).split()
    lines: list[str] = []
    for w in words:
        if lines and text_px(lines[-1] + " " + w, font_px) <= width_px:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return lines or [""]


def _font_px(fig: go.Figure, *parts: str) -> float:
    """The font size plotly will use for layout path `parts` (e.g. "title"), falling back to the base font."""
    base = fig.layout.font.size or fig.layout.template.layout.font.size or 12
    node = fig.layout
    tnode = fig.layout.template.layout
    for p in parts:
        node, tnode = getattr(node, p), getattr(tnode, p)
    return node.font.size or tnode.font.size or base


def legend_rows(names: list[str], width_px: float, font_px: float) -> int:
    """Rows a horizontal legend of `names` takes within `width_px`: one row if all fit side by side, else a grid
    of columns as wide as the widest entry (what plotly draws when it wraps)."""
    if not names:
        return 0
    widths = [text_px(n, font_px) + LEGEND_SYMBOL_PX for n in names]
    if sum(widths) <= width_px:
        return 1
    per_row = max(1, int(width_px // max(widths)))
    return -(-len(names) // per_row)


def fit_header(fig: go.Figure, grow: bool = False) -> go.Figure:
    """Title, horizontal legend and above-plot annotations stacked in the top margin without overlap, at the
    figure's current width: the title is wrapped to the width, the legend is placed under it, and the top
    margin is made tall enough for both plus any annotation (e.g. subplot titles) drawn above the plot.

    With `grow` the figure grows by the header's height beyond the template's margin (the plot keeps the
    height its content asked for); otherwise it grows only as far as a plot area of MIN_PLOT_PX needs
    (plotly stops expanding margins for tick labels when the plot area gets smaller than that)."""
    width = fig.layout.width or 700
    height = fig.layout.height or 500
    usable = width * 0.98 - 4
    top = 4.0
    title = fig.layout.title.text
    if title:
        size = _font_px(fig, "title")
        lines = wrap_px(title, usable, size)
        block = len(lines) * size * LINE
        fig.update_layout(title=dict(text="<br>".join(lines), yanchor="middle", yref="container",
                                     y=1 - (top + block / 2) / height, pad=dict(t=0)))
        top += block + 2
    shown = [t.name for t in fig.data if t.name and t.showlegend is not False and t.type not in ("sankey", "table")]
    legend_on = (fig.layout.showlegend is True or fig.layout.showlegend is None and len(shown) > 1) and \
        bool(shown) and fig.layout.legend.orientation == "h"
    if legend_on:
        size = _font_px(fig, "legend")
        legend_y = top + 2
        top += legend_rows(shown, usable - 10, size) * size * 1.75 + 6
    above = [a for a in fig.layout.annotations if a.yref == "paper" and (a.y or 0) >= 0.999 and a.yanchor != "top"]
    if above:
        size = max((a.font.size or _font_px(fig)) for a in above)
        lines = max(str(a.text or "").count("<br>") + 1 for a in above)
        top += lines * size * LINE + 4
    top = round(top + 4)
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else 10
    if grow:
        height += max(0, top - DEFAULT_TOP_PX)
    height = max(height, top + bottom + MIN_PLOT_PX + 40)  # 40: x tick labels and axis title
    fig.update_layout(margin=dict(t=top), height=round(height))
    if title:
        fig.update_layout(title_y=1 - (4 + block / 2) / height)
    if legend_on:
        fig.update_layout(legend=dict(xref="container", yref="container", x=0.01, xanchor="left",
                                      y=1 - legend_y / height, yanchor="top"))
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
    return fit_header(out)
