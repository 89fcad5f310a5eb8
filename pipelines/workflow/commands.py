"""`colens run FOLDER`: analyse a folder end to end and print what was found and where the report is."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        folder: Path = typer.Argument(..., help="Folder of documents (sub-folders too; optional metadata.csv)."),
        out: Path = typer.Option(Path("colens-out"), "--out", help="Output folder (tables, figures, report)."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to start from."),
        progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                                help="Progress bar (default: when stderr is a terminal)."),
    ) -> None:
        """Ingest, analyse and report on FOLDER without DVC, reusing the trained models of this checkout."""
        from pipelines.config import ConfigError
        from pipelines.report.summary import summary_lines
        from pipelines.root import ROOT
        from pipelines.workflow.folder import RunError, run_folder

        try:
            paths = run_folder(folder, out, params or ROOT / "params.yaml", progress)
        except (RunError, ConfigError) as exc:
            typer.echo(f"colens run: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo("\n".join(summary_lines(paths)))
        typer.echo(f"open {paths.reports / 'index.html'} in a browser; tables are under {paths.data}")
