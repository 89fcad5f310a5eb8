"""`colens evaluate`: score `colens classify` output on a real-prose development set (stand-off references)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pipelines.evaluate.measures import TASKS


def register(app: typer.Typer) -> None:
    @app.command()
    def evaluate(
        task: str = typer.Argument(..., help=f"One of: {', '.join(TASKS)}."),
        predictions: Path = typer.Argument(..., dir_okay=False, help="`colens classify` output (JSON Lines with text)."),
        gold: Optional[Path] = typer.Option(None, "--gold", dir_okay=False,
                                            help="Stand-off TSV (default: corpora/realdev/<task>.tsv)."),
        sets: Optional[str] = typer.Option(None, "--sets", help="Comma-separated id prefixes, e.g. NTE,NTF."),
        replicates: int = typer.Option(2000, "--replicates", min=0, help="Bootstrap replicates (0: no interval)."),
        seed: int = typer.Option(13, "--seed"),
        baseline: Optional[Path] = typer.Option(None, "--baseline", dir_okay=False,
                                                help="Another `colens classify` output of the same passages: "
                                                     "each measure's difference, paired by page."),
        out: Optional[Path] = typer.Option(None, "--out", dir_okay=False, help="Also write the result as JSON."),
    ) -> None:
        """F1 of each real-prose measure with a 95 % interval over pages, joining predictions to gold by text hash."""
        from pipelines.evaluate.gold import GoldFileError
        from pipelines.evaluate.report import evaluate as run, summary
        from pipelines.io import write_json

        if task not in TASKS:
            typer.echo(f"error: unknown task '{task}': one of {', '.join(TASKS)}", err=True)
            raise typer.Exit(2)
        prefixes = [s.strip() for s in sets.split(",") if s.strip()] if sets else None
        try:
            result = run(task, predictions, gold, prefixes, replicates, seed, baseline)
        except GoldFileError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        typer.echo(summary(result))
        if out is not None:
            write_json(result, out)
