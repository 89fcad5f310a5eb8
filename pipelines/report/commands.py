"""`colens summary`: the headline figures of the last pipeline run, in a dozen lines."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def summary(params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use.")) -> None:
        """Print documents, mentions, senses, definitions, levels, narratives, clusters, elasticity and the report."""
        from pipelines.cli_support import load_config
        from pipelines.paths import Paths
        from pipelines.report.summary import summary_lines

        cfg = load_config(params)
        try:
            lines = summary_lines(Paths.from_config(cfg))
        except ValueError as exc:
            typer.echo(f"colens summary: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo("\n".join(lines))
