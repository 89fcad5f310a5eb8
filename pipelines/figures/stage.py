"""DVC stage `figures`: every figure of the registry from the pipeline's tables, written to reports/figures/
as HTML (+ SVG, PDF, PNG when a Chromium is available) and JSON, with a manifest (files, sizes, no-data reasons)
beside them; metrics/figures.json keeps only run-independent headline counts."""

from __future__ import annotations

import logging
import shutil

from pipelines.config import Config
from pipelines.figures.common import is_no_data
from pipelines.figures.export import IMAGE_CACHE, Exporter, figures_dir, manifest_path
from pipelines.figures.registry import FIGURES
from pipelines.figures.settings import FiguresParams
from pipelines.figures.tables import Tables
from pipelines.figures.theme import PX_PER_INCH
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage

log = logging.getLogger(__name__)


def run(cfg: Config, paths: Paths) -> dict:
    """Build every figure (all before writing any, so a bad table stops the run early), write them and the
    manifest metrics."""
    params: FiguresParams = cfg.section("figures", FiguresParams)
    exporter = Exporter(params.formats, png_scale=params.png_dpi / PX_PER_INCH, png_dpi=params.png_dpi,
                        plotlyjs=params.plotlyjs, image_cache=paths.cache / IMAGE_CACHE if params.image_cache else None,
                        renderer=params.static_renderer)
    exporter.start_browser()  # it starts (about 2 s) while the figures are built
    tables = Tables(paths)
    built = [(spec, spec.build(tables, params)) for spec in FIGURES]
    out = figures_dir(paths)
    shutil.rmtree(out, ignore_errors=True)
    manifest = {}
    written = exporter.write_all([(spec.name, fig) for spec, fig in built], out)
    for spec, fig in built:
        formats = written[spec.name]
        manifest[spec.name] = {
            "formats": formats,
            "files": [f"{spec.name}.{f}" for f in formats],
            "no_data": fig.layout.meta["no_data"] if is_no_data(fig) else None,
            "width_px": fig.layout.width,
            "height_px": fig.layout.height,
        }
        log.info("figure %s: %s", spec.name, ", ".join(formats))
    log.info("figures: %d static images drawn, %d unchanged ones copied from %s", exporter.drawn, exporter.reused,
             paths.cache / IMAGE_CACHE)
    write_json(manifest, manifest_path(paths))
    metrics = {
        "n_figures": len(manifest),
        "figures_without_data": sorted(name for name, entry in manifest.items() if entry["no_data"]),
        "static_export": exporter.static_error is None,
        "static_error": exporter.static_error,
    }
    write_json(metrics, paths.metric("figures"))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
