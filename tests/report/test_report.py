"""Report: one offline page with every figure, escaped searchable tables and scores; drawn in headless Chromium."""

from __future__ import annotations

import re

import pytest

from pipelines.figures import FIGURES
from pipelines.figures.stage import run as run_figures
from pipelines.paths import Paths
from pipelines.report.render_check import chromium_path, render
from pipelines.report.stage import report_path, run
from tests.figure_samples import write_samples

NEEDS_CHROMIUM = pytest.mark.skipif(chromium_path() is None, reason="Chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def sample_report(cfg, tmp_path_factory):
    """Figures (HTML + JSON only: the report needs no images) and the report, from the sample tables."""
    from tests.conftest import SEEDS

    root = tmp_path_factory.mktemp("report")
    p = Paths.from_config(cfg, root=root)
    paths = Paths(**{**p.__dict__, "corpus": SEEDS, "metadata": SEEDS / cfg.corpus.metadata})
    write_samples(paths)
    html_only = cfg.model_copy(update={"figures": {"formats": ["html"]}})
    run_figures(html_only, paths)
    metrics = run(cfg, paths)
    assert paths.metric("report").exists()
    out = report_path(paths)
    return out, out.read_text(encoding="utf-8"), metrics


def test_report_is_self_contained_with_plotly_inlined_once(sample_report):
    _, page, metrics = sample_report
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"?https?:", page)
    assert page.count("* plotly.js v") == 1  # the library banner: inlined once, not per figure
    assert len(re.findall(r"<script>", page)) == 2  # plotly.js once, then the page script
    assert metrics["n_figures"] == len(FIGURES) and metrics["figures_without_data"] == []


def test_every_figure_has_caption_and_method(sample_report):
    _, page, _ = sample_report
    for spec in FIGURES:
        assert f'id="plot-{spec.name}"' in page
        block = page[page.index(f'id="fig-{spec.name}"'):]
        block = block[: block.index("</figure>")]
        assert "<figcaption>" in block and "Method:" in block


def test_document_text_is_escaped_in_tables_and_figure_data(sample_report):
    _, page, metrics = sample_report
    assert "<b>bold</b>" not in page and "<script>alert(1)" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in page  # a table cell
    assert metrics["n_definitions"] == 3 and metrics["n_narratives"] == 4  # every user narrative, none dropped


def test_target_definitions_and_glossary_are_separate_tables(sample_report):
    _, page, metrics = sample_report
    assert metrics["n_glossary"] == 1
    target = page[page.index('id="definitions-table"'):page.index('id="glossary-table"')]
    glossary = page[page.index('id="glossary-table"'):]
    assert "Peer support is help" not in target and "Peer support is help" in glossary
    assert "low_confidence_singleton" in target and "Co-production means sharing power." not in glossary


def test_themes_table_lists_assigned_codings_with_evidence(sample_report):
    _, page, metrics = sample_report
    assert metrics["n_theme_codings"] == 2  # the sample's two assigned passage x theme rows
    themes = page[page.index('id="themes-table"'):]
    assert "power_dynamics" in themes and "<script>alert(1)</script>" not in themes
    assert "&lt;script&gt;" in themes or "&amp;lt;script" in themes  # the evidence sentence, escaped


def test_corpus_summary_and_scores(sample_report):
    _, page, _ = sample_report
    for text in ("Files by status", "unsupported file type", "Documents by genre and year",
                 "Page chrome removed by cleaning", "author bios", "Needham &amp; Carr level", "0.750"):
        assert text in page
    assert page.count('class="filter"') == 4  # definitions, glossary, narratives, literature themes
    # every searchable table is paged, sortable and downloadable as CSV (vanilla JS, no CDN)
    assert page.count('class="pager"') == 4 and page.count('class="csv">download CSV') == 4
    assert "th.sortable" in page and "text/csv" in page and "var PAGE = 25" in page


@NEEDS_CHROMIUM
def test_report_draws_every_figure_in_headless_chromium(sample_report):
    out, _, _ = sample_report
    result = render(out)
    assert set(result.plots) == {f"plot-{s.name}" for s in FIGURES}
    assert result.undrawn == []
    assert result.console == []  # no console errors (nor any other console output)


@NEEDS_CHROMIUM
def test_render_check_detects_errors_and_undrawn_plots(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><div class="plot" id="plot-x"></div>'
                   '<script>console.error("broken"); missingFunction();</script></body></html>', encoding="utf-8")
    result = render(bad, budget_ms=2000)
    assert result.undrawn == ["plot-x"]
    assert any("broken" in line for line in result.console)
    assert any("missingFunction" in line for line in result.console)


@pytest.mark.slow
@NEEDS_CHROMIUM
def test_real_report_draws_every_figure(repro_paths):
    """The report that `dvc repro` wrote for the bundled corpus opens offline with every figure drawn."""
    result = render(report_path(repro_paths))
    assert len(result.plots) == len(FIGURES) and result.undrawn == [] and result.console == []
