"""The Python face of a colens project for notebooks and scripts: its tables, figures and summary by name,
and passage-level analysis of a list of texts.

    from pipelines.workflow.project import Project
    project = Project.open()                 # the project in the current folder (or above), else this checkout
    project.table("definitions")             # any table of the catalogue (`pipelines.tables.TABLES`)
    project.figure("levels_genre")           # a figure as the figures stage wrote it (plotly Figure)
    project.classify(["Co-production means ..."], term="co-production")   # as `colens classify`
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable

import pandas as pd

from pipelines.config import Config
from pipelines.paths import Paths
from pipelines.root import find_root


@dataclass(frozen=True)
class Project:
    """A project folder: its params.yaml and the outputs they locate."""

    root: Path
    cfg: Config

    @classmethod
    def open(cls, path: str | Path | None = None) -> "Project":
        """The project at `path` (a folder with params.yaml, or the params file itself); by default the one
        containing the current directory, else this checkout. A `colens run --out DIR` folder is a project."""
        start = Path(path) if path else None
        if start is not None and start.is_file():
            return cls(start.resolve().parent, Config.load(start))
        root = find_root(start)
        return cls(root, Config.load(root / "params.yaml"))

    @cached_property
    def paths(self) -> Paths:
        return Paths.from_config(self.cfg, root=self.root)

    @cached_property
    def tables(self):
        """Every catalogue table as an attribute (`project.tables.documents`), read on first use."""
        from pipelines.figures.tables import Tables

        return Tables(self.paths)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables.get(name)

    def figure(self, name: str):
        """Figure `name` (see `pipelines.figures.FIGURES`) as written by the figures stage."""
        import plotly.graph_objects as go

        from pipelines.figures.export import load_figure

        return go.Figure(load_figure(self.paths, name))

    def summary(self) -> list[str]:
        from pipelines.report.summary import summary_lines

        return summary_lines(self.paths)

    def classify(self, texts: Iterable[str], term: str | None = None) -> list[dict]:
        """`colens classify` on a list of texts: one result dict per text (id = its position)."""
        from pipelines.classify.annotators import annotate_passages, load_annotators
        from pipelines.classify.passage import Context, Passage

        passages = [Passage(id=i, text=str(t), fields={"id": i, "text": str(t)}) for i, t in enumerate(texts)]
        ctx = Context(self.cfg, term, paths=self.paths)
        done = annotate_passages(passages, ctx, load_annotators())
        return [{"id": p.id, "text": p.text, **p.result} for p in done]
