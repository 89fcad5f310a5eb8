"""Figures: every figure from the sample tables, escaping, empty tables, bad input, restyling."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from pipelines.figures import (FIGURES, OKABE_ITO, FiguresParams, Tables, agency_sankey, build, definition_families,
                               elasticity_by, elasticity_components, esc, is_no_data, keyness_scatter, mm_to_px,
                               narrative_stance, restyle, usage_map)
from pipelines.tables import TABLES
from tests.figure_samples import SampleTables, sample_tables

P = FiguresParams()


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


def test_restyle_for_another_journal(frames):
    fig = restyle(build("levels_genre", SampleTables(frames), P), width_mm=90, height_mm=60, font_size_pt=7)
    assert fig.layout.width == mm_to_px(90) and fig.layout.height == mm_to_px(60)


def test_registry_figures_draw_from_catalogue_tables():
    assert {t for spec in FIGURES for t in spec.tables} <= set(TABLES)
    assert len({spec.name for spec in FIGURES}) == len(FIGURES)


@pytest.mark.slow
def test_every_figure_from_the_real_pipeline_outputs(repro_paths):
    """Every figure from the tables of a real `dvc repro` on the bundled corpus."""
    tables = Tables(repro_paths)
    for spec in FIGURES:
        fig = spec.build(tables, P)
        assert isinstance(fig, go.Figure) and len(fig.data) + len(fig.layout.annotations) > 0
