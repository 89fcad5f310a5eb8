"""The typed `figures:` section of params.yaml: formats, sizes and per-figure choices."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.config import Section

Format = Literal["html", "svg", "pdf", "png"]


class FiguresParams(Section):
    """How figures are drawn and written (stage `figures`; the notebooks use the same defaults)."""

    formats: list[Format] = Field(default_factory=lambda: ["html", "svg", "pdf", "png"])
    png_dpi: int = Field(300, ge=72, le=1200, description="PNG resolution at the figure's physical size")
    font_family: str = "Arial, Helvetica, sans-serif"
    font_size_pt: float = Field(8.0, ge=5, le=14, description="base font size at print size")
    single_column_mm: float = Field(85.0, gt=0, description="journal single-column width")
    double_column_mm: float = Field(178.0, gt=0, description="journal double-column width")
    usage_color_by: Literal["cluster", "sense"] = "cluster"
    top_collocates: int = Field(10, ge=1, description="collocates shown per genre")
    collocate_score: Literal["logdice", "mi", "ll"] = "logdice"
    keyness_genres: list[str] = Field(default_factory=list, description="[genre_a, genre_b]; empty: the first pair")
    keyness_labels: int = Field(12, ge=0, description="most key lemmas labelled in the keyness scatter (labels that "
                                "would overlap are left to the hover label)")
    top_documents: int = Field(30, ge=1, description="documents shown in levels_document: those with most claims")
    plotlyjs: Literal["inline", "shared"] = Field(
        "inline", description="figure HTML: plotly.js inside every file, or one plotly.min.js beside them")
    quotes_per_group: int = Field(3, ge=1, description="example quotes in a hover label")
    hover_chars: int = Field(280, ge=40, description="document text in a hover label is cut to this length")
    static_renderer: Literal["cairo", "browser"] = Field(
        "cairo", description="cairo: the browser draws each figure's SVG and CairoSVG converts it to PDF and PNG "
        "(the same drawing in every format, about 3x faster); browser: the browser draws every format")
    image_cache: bool = Field(True, description="copy a static image unchanged since the last run from "
                              "cache/figure_images instead of drawing it again")
