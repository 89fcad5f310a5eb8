"""DVC stage `report`: reports/index.html, one self-contained page that opens offline (plotly.js inlined once).

Reads the figures stage's JSON (reports/figures/*.json, captions from the registry), the corpus tables,
definitions, narratives and the model cards; writes metrics/report.json.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from plotly.offline import get_plotlyjs

from pipelines.config import Config
from pipelines.figures.registry import FIGURES
from pipelines.figures.stage import figures_dir
from pipelines.figures.tables import Tables
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.report import html_parts as H
from pipelines.report.corpus import summary_tables
from pipelines.report.records import definitions_table, narratives_table
from pipelines.report.scores import model_scores
from pipelines.report.settings import ReportParams
from pipelines.stage_entry import stage_context

log = logging.getLogger(__name__)


def report_path(paths: Paths) -> Path:
    return paths.reports / "index.html"


def load_figure(paths: Paths, name: str) -> dict:
    """A figure as written by the figures stage; missing or broken JSON is an error naming the file."""
    path = figures_dir(paths) / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: not found; run the figures stage (python -m pipelines.figures.stage)")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid figure JSON ({exc.msg}); re-run the figures stage") from exc


def build(cfg: Config, paths: Paths) -> tuple[str, dict]:
    """The report HTML and its metrics."""
    params: ReportParams = cfg.section("report", ReportParams)
    tables = Tables(paths)
    corpus = "".join(f"<div><h3>{H.esc(cap)}</h3>{H.table(df)}</div>" for cap, df in summary_tables(tables))
    figure_html, no_data = [], []
    for spec in FIGURES:
        fig = load_figure(paths, spec.name)
        reason = (fig.get("layout", {}).get("meta") or {}).get("no_data") if isinstance(
            fig.get("layout", {}).get("meta"), dict) else None
        if reason:
            no_data.append(spec.name)
        figure_html.append(H.figure_block(spec.name, fig, spec.caption, spec.method, reason))
    definitions = definitions_table(tables)
    narratives = narratives_table(tables, params.narratives)
    scores = model_scores(paths.models, paths.root)
    which = "user narratives" if params.narratives == "user_narratives" else "narrative candidates"
    sections = [
        ("corpus", "Corpus", f'<div class="summary">{corpus}</div>'),
        ("figures", "Figures", "".join(figure_html)),
        ("definitions", "Definitions",
         f"<p>Every definition of a co-production term found in the corpus ({len(definitions)}), with its family "
         "and source. Type to filter.</p>" + H.searchable(definitions, "definitions-table", "filter definitions…")),
        ("narratives", "User narratives",
         f"<p>Every paragraph detected as one of the {which} ({len(narratives)}), with its stance, how it was "
         "decided and its source. Type to filter.</p>"
         + H.searchable(narratives, "narratives-table", "filter narratives…")),
        ("scores", "Model scores",
         "<p>Scores on annotated data held out from training (cross-validated macro F1 on the training part "
         "for comparison); details in each model card.</p>" + H.table(scores)),
    ]
    page = H.page(params.title, sections, get_plotlyjs(), params.figure_font_px)
    metrics = {"figures": len(FIGURES), "figures_without_data": no_data, "definitions": len(definitions),
               "narratives": len(narratives), "models": len(scores), "bytes": len(page.encode("utf-8"))}
    return page, metrics


def main() -> None:
    cfg, paths = stage_context()
    page, metrics = build(cfg, paths)
    out = report_path(paths)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    metrics["path"] = str(out.relative_to(paths.root)) if out.is_relative_to(paths.root) else str(out)
    write_json(metrics, paths.metric("report"))
    log.info("report: %s (%d figures, %d definitions, %d narratives)", out, metrics["figures"],
             metrics["definitions"], metrics["narratives"])


if __name__ == "__main__":
    main()
