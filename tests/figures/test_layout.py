"""Figures a journal accepts: no overlapping or cut-off text at 85 and 178 mm (drawn in headless Chromium),
long categorical figures cut to the top N and saying so, PNGs that state 300 dpi, shared plotly.js on request."""

from __future__ import annotations

import re

import plotly.graph_objects as go
import pytest

from pipelines.figures import FIGURES, FiguresParams, build, level_distribution
from pipelines.figures.export import Exporter, png_dpi, with_dpi
from pipelines.figures.keyness import keyness_scatter, place_labels
from pipelines.figures.layout_check import Box, Layout, check
from pipelines.figures.theme import fit_header, legend_rows, legend_top, mm_to_px, style, wrap_px
from pipelines.report.render_check import chromium_path
from tests.figure_samples import SampleTables, crowded_tables, sample_tables

P = FiguresParams()
NEEDS_CHROMIUM = pytest.mark.skipif(chromium_path() is None, reason="Chromium not installed (apt-get install chromium)")


@NEEDS_CHROMIUM
def test_no_text_overlaps_or_leaves_any_figure_at_both_column_widths():
    """Every registry figure, from the small samples and from crowded ones, drawn at 85 and 178 mm."""
    figures = {}
    for label, frames in (("sample", sample_tables()), ("crowded", crowded_tables())):
        tables = SampleTables(frames)
        figures.update({f"{label}:{s.name}": build(s.name, tables, P) for s in FIGURES})
    problems = check(figures, (P.single_column_mm, P.double_column_mm))
    assert problems == []


def test_overlap_rules_on_known_boxes():
    layout = Layout("f", 100, 100, [Box("title", "T", 0, 0, 60, 12), Box("legend", "a", 50, 5, 90, 15),
                                    Box("xtick", "1", 10, 80, 20, 90), Box("xtick", "2", 15, 80, 25, 90),
                                    Box("annotation", "cut", 90, 40, 130, 50)])
    problems = layout.problems()
    assert any("title 'T' overlaps legend 'a'" in p for p in problems)
    assert any("'cut' leaves the figure" in p for p in problems)
    assert not any("xtick '1' overlaps" in p for p in problems)  # plotly spaces tick labels itself
    assert len(problems) == 2


def test_header_reserves_room_for_wrapped_title_and_legend_rows():
    fig = go.Figure([go.Bar(x=[1], y=["a"], name=f"a long legend entry {i}") for i in range(6)])
    fig.update_layout(title_text="A title long enough to need two lines in a single journal column",
                      legend=legend_top())
    style(fig, P, "single", height_mm=50)
    assert fig.layout.title.text.count("<br>") >= 1
    rows = legend_rows([t.name for t in fig.data], fig.layout.width * 0.98 - 14, 8 * 96 / 72 * 0.95)
    assert rows >= 2 and fig.layout.margin.t > 2 * 14 + rows * 14
    assert fig.layout.height > mm_to_px(50)  # the plot keeps its height; the header is added above it
    assert wrap_px("one two<br>three", 1000, 10) == ["one two three"]
    again = fit_header(go.Figure(fig))
    assert again.layout.margin.t == fig.layout.margin.t and again.layout.title.text == fig.layout.title.text


def test_levels_by_document_shows_the_top_n_and_says_so():
    frames = crowded_tables()
    fig = level_distribution(frames["level_by_document"], "document", None, P.model_copy(update={"top_documents": 25}))
    assert len(fig.data[0].y) == 25
    assert "top 25 of 163 documents" in fig.layout.title.text.replace("<br>", " ")
    assert fig.layout.height < 1500  # was 13,806 px for 163 documents
    small = level_distribution(sample_tables()["level_by_document"], "document", None, P)
    assert "top" not in small.layout.title.text


def test_keyness_labels_never_collide_and_the_rest_are_counted():
    fig = keyness_scatter(crowded_tables()["keyness"], None, P)
    shown = len(fig.layout.annotations)
    assert 0 < shown < P.keyness_labels
    assert fig.layout.meta["labels_left_out"] == P.keyness_labels - shown
    assert f"{shown} most key labelled" in fig.layout.title.text.replace("<br>", " ")
    placed = place_labels([(0.5, 0.5, "a label"), (0.5, 0.5, "b label"), (0.5, 0.5, "c label"),
                           (0.5, 0.5, "d label"), (0.5, 0.5, "e label")], 320, 400)
    assert len(placed) == 2 and len(set(placed.values())) == 2  # above and below; the rest would overlap them


def test_png_states_its_dpi():
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
           + chunk(b"pHYs", struct.pack(">IIB", 2835, 2835, 1)) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
           + chunk(b"IEND", b""))
    out = with_dpi(png, 300)
    assert round(png_dpi(out)) == 300 and out.count(b"pHYs") == 1
    assert out.index(b"pHYs") < out.index(b"IDAT")
    with pytest.raises(ValueError, match="not a PNG"):
        with_dpi(b"GIF89a", 300)


@pytest.mark.skipif(chromium_path() is None, reason="Chromium not installed")
def test_exported_png_is_300_dpi(tmp_path):
    exporter = Exporter(["png"], png_scale=300 / 96, png_dpi=300)
    if exporter.static_error:
        pytest.skip(exporter.static_error)
    exporter.write(build("levels_genre", SampleTables(sample_tables()), P), tmp_path, "levels_genre")
    assert round(png_dpi((tmp_path / "levels_genre.png").read_bytes())) == 300


def test_shared_plotlyjs_writes_one_library_beside_small_pages(tmp_path):
    exporter = Exporter(["html"], plotlyjs="shared")
    tables = SampleTables(sample_tables())
    for name in ("levels_genre", "keyness"):
        exporter.write(build(name, tables, P), tmp_path, name)
    assert (tmp_path / "plotly.min.js").stat().st_size > 1_000_000
    for name in ("levels_genre", "keyness"):
        page = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert len(page) < 200_000 and re.search(r'<script[^>]+src="plotly\.min\.js"', page)
