"""Figures: every figure from the sample tables, escaping, empty tables, bad input, the stage and export."""

from __future__ import annotations

import logging
import re

import plotly.graph_objects as go
import pytest

from pipelines.figures import export as export_mod
from pipelines.figures.agency_sankey import agency_sankey
from pipelines.figures.common import esc, is_no_data
from pipelines.figures.definition_families import definition_families
from pipelines.figures.elasticity import elasticity_by
from pipelines.figures.elasticity_components import elasticity_components
from pipelines.figures.keyness import keyness_scatter
from pipelines.figures.narrative_stance import narrative_stance
from pipelines.figures.registry import FIGURES, build
from pipelines.figures.settings import FiguresParams
from pipelines.figures.stage import figures_dir, run
from pipelines.figures.tables import Tables
from pipelines.figures.theme import OKABE_ITO, mm_to_px, restyle
from pipelines.figures.usage_map import usage_map
from pipelines.report.render_check import chromium_path
from tests.test_figures_samples import sample_tables, write_samples

P = FiguresParams()


class SampleTables(Tables):
    """Tables served from memory (the sample frames), so figure tests need no files."""

    def __init__(self, frames):
        super().__init__(paths=None)
        self._cache = dict(frames)


@pytest.fixture(scope="module")
def frames():
    return sample_tables()


def hover_strings(fig: go.Figure) -> str:
    """Every string in the figure (hover text, labels, titles) as plotly.js receives it, joined."""
    out: list[str] = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif hasattr(v, "tolist") or isinstance(v, (list, tuple)):
            for x in (v.tolist() if hasattr(v, "tolist") else v):
                walk(x)

    walk(fig.to_plotly_json())
    return "\n".join(out)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_every_figure_builds_in_the_paper_template(spec, frames):
    fig = build(spec.name, SampleTables(frames), P)
    assert isinstance(fig, go.Figure) and len(fig.data) > 0 and not is_no_data(fig)
    assert fig.layout.width in (mm_to_px(P.single_column_mm), mm_to_px(P.double_column_mm))
    assert fig.layout.height and fig.layout.height > 100
    assert list(fig.layout.template.layout.colorway) == OKABE_ITO
    assert "$" not in (fig.layout.title.text or "")  # no LaTeX (MathJax would come from a CDN)


def test_document_text_is_escaped_in_hover_labels(frames):
    text = hover_strings(usage_map(frames["contexts"], frames["mentions"], frames["topics"], None, "cluster", P))
    assert "&lt;b&gt;bold&lt;/b&gt;" in text and "&lt;script&gt;" in text
    assert "<b>bold</b>" not in text and "<script>" not in text
    for fig in (narrative_stance(frames["narratives"], P), definition_families(frames["definition_families"], P)):
        s = hover_strings(fig)
        assert "&lt;b&gt;bold&lt;/b&gt;" in s and "<b>bold</b>" not in s
    assert "&lt;i&gt;x&lt;/i&gt;" in hover_strings(keyness_scatter(frames["keyness"], None, P))


def test_esc_cuts_and_wraps_after_escaping():
    out = esc("<b>" + "word " * 100, max_chars=50, wrap=20)
    assert out.startswith("&lt;b&gt;") and "<br>" in out and out.endswith("…")


def test_usage_map_by_sense_and_concordance(frames):
    fig = usage_map(frames["contexts"], frames["mentions"], frames["topics"], frames["senses"], "sense", P)
    assert {t.name for t in fig.data} == {"participatory", "knowledge"}
    assert "right context 0" in hover_strings(fig) and "Blog site" not in hover_strings(fig)


def test_elasticity_marks_small_groups_and_orders_years(frames):
    fig = elasticity_by(frames["elasticity"], "year", P)
    measured, small = fig.data
    assert list(measured.y) == ["2019 (n=3)", "2021 (n=6)"]
    assert list(small.y) == ["unknown (n=3)"]
    comp = elasticity_components(frames["elasticity"], "genre", P)
    assert list(comp.data[0].x) == ["whole corpus", "blog", "policy"]
    assert comp.data[2].marker.pattern.shape[2] == "/"  # undefined definitions score of 'policy' is marked


def test_agency_sankey_counts_relations(frames):
    fig = agency_sankey(frames["agency"], P)
    assert sum(fig.data[0].link.value) == len(frames["agency"])
    assert "not stated" in fig.data[0].node.label


def test_keyness_pair_choice_and_bad_pair(frames):
    fig = keyness_scatter(frames["keyness"], ["rest", "policy"], P)  # reversed order is accepted
    assert "rest of the corpus vs policy" in fig.layout.title.text
    with pytest.raises(ValueError, match="no keyness comparison"):
        keyness_scatter(frames["keyness"], ["blog", "nonexistent"], P)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_empty_tables_give_a_no_data_figure(spec, frames):
    empty = {k: v.iloc[0:0] for k, v in frames.items()}
    fig = build(spec.name, SampleTables(empty), P)
    assert is_no_data(fig)
    assert "No data" in fig.layout.annotations[0].text


def test_missing_column_names_table_and_column(frames):
    with pytest.raises(KeyError, match="stance"):
        narrative_stance(frames["narratives"].drop(columns=["stance"]), P)


def test_missing_table_file_names_the_file_and_stage(tmp_paths):
    with pytest.raises(FileNotFoundError, match=r"agency\.parquet.*`agency` stage"):
        Tables(tmp_paths).agency


def test_restyle_for_another_journal(frames):
    fig = restyle(build("levels_genre", SampleTables(frames), P), width_mm=90, height_mm=60, font_size_pt=7)
    assert fig.layout.width == mm_to_px(90) and fig.layout.height == mm_to_px(60)


def test_stage_writes_every_figure_and_manifest(cfg, tmp_paths):
    write_samples(tmp_paths)
    metrics = run(cfg, tmp_paths)
    out = figures_dir(tmp_paths)
    static = chromium_path() is not None and export_mod.find_browser() is not None
    expected = ["json", "html", "svg", "pdf", "png"] if static else ["json", "html"]
    assert set(metrics["figures"]) == {s.name for s in FIGURES}
    for name, entry in metrics["figures"].items():
        assert entry["formats"] == expected
        for fmt in expected:
            assert (out / f"{name}.{fmt}").stat().st_size > 0
    page = (out / "usage_map.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)  # nothing loaded from elsewhere (no CDN)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js inline
    if static:
        assert (out / "keyness.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
        assert (out / "keyness.pdf").read_bytes()[:4] == b"%PDF"
        assert (out / "keyness.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_chromium_html_is_written_and_the_log_says_how(monkeypatch, tmp_path, caplog, frames):
    monkeypatch.setattr(export_mod, "find_browser", lambda: None)
    with caplog.at_level(logging.WARNING, logger="pipelines.figures.export"):
        exporter = export_mod.Exporter(["html", "svg", "pdf", "png"])
        written = exporter.write(build("levels_genre", SampleTables(frames), P), tmp_path, "levels_genre")
    assert written == ["json", "html"]
    assert "apt-get install chromium" in caplog.text and "BROWSER_PATH" in caplog.text
    assert not (tmp_path / "levels_genre.svg").exists()


@pytest.mark.slow
def test_every_figure_from_the_real_pipeline_outputs(repro_paths):
    """Every figure from the tables of a real `dvc repro` on the bundled corpus."""
    tables = Tables(repro_paths)
    for spec in FIGURES:
        fig = spec.build(tables, P)
        assert isinstance(fig, go.Figure) and len(fig.data) + len(fig.layout.annotations) > 0
