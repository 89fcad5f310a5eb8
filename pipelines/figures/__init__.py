"""Paper-ready plotly figures of the pipeline's tables: one module per figure, one theme, one exporter.

    from pipelines.figures import Tables, elasticity_by, restyle
    fig = elasticity_by(Tables.load().elasticity, "genre")

`FIGURES` (the registry) lists every figure the stage writes with its caption and method; `build(name, tables)`
draws one. Modules inside this package import each other by their full path, never through this face. Here a
figure function shadows its module of the same name (`usage_map`); reach such a module via `importlib`.
"""

from pipelines.figures.agency_sankey import agency_sankey
from pipelines.figures.collocates import collocates_by_genre
from pipelines.figures.concept_comparison import concept_comparison
from pipelines.figures.common import esc, is_no_data, no_data, year_key
from pipelines.figures.definition_families import definition_families
from pipelines.figures.elasticity import elasticity_by
from pipelines.figures.elasticity_components import elasticity_components
from pipelines.figures.export import Exporter, figures_dir, manifest_path, find_browser, load_figure
from pipelines.figures.keyness import keyness_pairs, keyness_scatter
from pipelines.figures.levels import level_distribution
from pipelines.figures.narrative_stance import narrative_stance
from pipelines.figures.registry import FIGURES, FigureSpec, build, spec
from pipelines.figures.settings import FiguresParams
from pipelines.figures.tables import Tables
from pipelines.figures.theme_shares import theme_shares
from pipelines.figures.theme import OKABE_ITO, PX_PER_INCH, color_map, mm_to_px, restyle, style, template
from pipelines.figures.usage_map import usage_map

__all__ = [
    # the figures
    "agency_sankey",
    "collocates_by_genre",
    "concept_comparison",
    "definition_families",
    "elasticity_by",
    "elasticity_components",
    "keyness_pairs",
    "keyness_scatter",
    "level_distribution",
    "narrative_stance",
    "theme_shares",
    "usage_map",
    # the registry and the tables they are drawn from
    "FIGURES",
    "FigureSpec",
    "build",
    "spec",
    "Tables",
    "FiguresParams",
    # look and export
    "OKABE_ITO",
    "PX_PER_INCH",
    "color_map",
    "mm_to_px",
    "restyle",
    "style",
    "template",
    "Exporter",
    "find_browser",
    "figures_dir",
    "manifest_path",
    "load_figure",
    # helpers for new figures
    "esc",
    "is_no_data",
    "no_data",
    "year_key",
]
