"""DVC stage `report`: reports/index.html, one self-contained page that opens offline (plotly.js inlined once).

Reads the figures stage's JSON (captions from the registry), the corpus tables, definitions, narratives, themes and the
model cards; writes the page and metrics/report.json.
"""

from __future__ import annotations

from pathlib import Path

from plotly.offline import get_plotlyjs

from pipelines.config import Config
from pipelines.figures import FIGURES, Tables, load_figure
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.report import html_parts as H
from pipelines.report.corpus import summary_tables
from pipelines.report.records import definitions_table, narratives_table, themes_table
from pipelines.report.scores import model_scores
from pipelines.report.settings import ReportParams
from pipelines.stage_entry import run_stage


def report_path(paths: Paths) -> Path:
    """reports/index.html: the page this stage writes."""
    return paths.reports / "index.html"


def figures_section(paths: Paths) -> tuple[str, list[str]]:
    """Every registry figure as the figures stage wrote it, with caption and method; and those without data."""
    blocks, no_data = [], []
    for spec in FIGURES:
        fig = load_figure(paths, spec.name)
        meta = fig.get("layout", {}).get("meta")
        reason = meta.get("no_data") if isinstance(meta, dict) else None
        if reason:
            no_data.append(spec.name)
        blocks.append(H.figure_block(spec.name, fig, spec.caption, spec.method, reason))
    return "".join(blocks), no_data


def run(cfg: Config, paths: Paths) -> dict:
    """Build the page from the figures, tables and model cards; write it and the metrics."""
    params: ReportParams = cfg.section("report", ReportParams)
    tables = Tables(paths)
    corpus = "".join(f"<div><h3>{H.esc(cap)}</h3>{H.table(df)}</div>" for cap, df in summary_tables(tables))
    figures, no_data = figures_section(paths)
    definitions = definitions_table(tables)
    glossary = definitions_table(tables, target=False)
    narratives = narratives_table(tables, params.narratives)
    themes = themes_table(tables)
    scores = model_scores(paths.models, paths.root)
    which = "user narratives" if params.narratives == "user_narratives" else "narrative candidates"
    sections = [
        ("corpus", "Corpus", f'<div class="summary">{corpus}</div>'),
        ("figures", "Figures", figures),
        ("definitions", "Definitions",
         f"<p>Every definition of a co-production term found in the corpus ({len(definitions)}), with its family "
         "(a family of one low-scoring definition is flagged: check it first) and source. Type to filter.</p>"
         + H.searchable(definitions, "definitions-table", "filter definitions…")),
        ("glossary", "Corpus glossary",
         f"<p>Definitions of other terms found in the corpus ({len(glossary)}), with their source. "
         "Type to filter.</p>" + H.searchable(glossary, "glossary-table", "filter the glossary…")),
        ("narratives", "User narratives",
         f"<p>Every paragraph detected as one of the {which} ({len(narratives)}), with its stance, how it was "
         "decided and its source. Type to filter.</p>"
         + H.searchable(narratives, "narratives-table", "filter narratives…")),
        ("themes", "Literature themes",
         f"<p>Every in-sense passage coded with a theme of the literature frame ({len(themes)} codings; a passage "
         "may carry several), with the sentences and seed terms that carry it and its source. Type to filter.</p>"
         + H.searchable(themes, "themes-table", "filter themes…")),
        ("scores", "Model scores",
         "<p>Scores on annotated data held out from training (cross-validated macro F1 on the training part "
         "for comparison); details in each model card.</p>" + H.table(scores)),
    ]
    page = H.page(params.title, sections, get_plotlyjs(), params.figure_font_px)
    out = report_path(paths)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".html.tmp")  # written whole, then moved: a crash never leaves half a page
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    metrics = {"n_figures": len(FIGURES), "figures_without_data": no_data, "n_definitions": len(definitions),
               "n_glossary": len(glossary), "n_narratives": len(narratives), "n_theme_codings": len(themes), "n_model_cards": len(scores),
               "path": str(out.relative_to(paths.root)) if out.is_relative_to(paths.root) else str(out)}
    write_json(metrics, paths.metric("report"))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
