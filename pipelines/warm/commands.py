"""`colens warm COMMAND...`: run a command (usually `dvc repro`) with the warm stage server beside it."""

from __future__ import annotations

from typing import List

import typer


def register(app: typer.Typer) -> None:
    @app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def warm(command: List[str] = typer.Argument(..., help="The command to run, e.g. `dvc repro`.")) -> None:
        """Run COMMAND with a server that has the stages' libraries imported: each stage started by
        `python -m pipelines.launch` forks from it instead of importing them again. Outputs are the same."""
        from pipelines.root import find_root
        from pipelines.warm.session import run_warm

        raise typer.Exit(run_warm(list(command), find_root()))
