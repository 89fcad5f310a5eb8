"""`colens compare TERM TERM...`: co-production beside its neighbours, side by side (from the compare stage's
table; concepts it did not profile are computed on the fly with the same code)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def compare(
        terms: list[str] = typer.Argument(..., help="Concepts or spellings of them, e.g. co-production co-creation."),
        as_json: bool = typer.Option(False, "--json", help="Machine-readable JSON instead of the text summary."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
    ) -> None:
        """Senses, definitions, collocates, levels, micro/macro scope, agency and elasticity of each concept."""
        from pipelines.cli_support import load_config
        from pipelines.compare.lookup import profiles_for
        from pipelines.compare.summary import json_summary, text_summary
        from pipelines.io import to_json

        cfg = load_config(params)
        try:
            table, concepts, computed = profiles_for(cfg, terms, params)
        except (KeyError, ValueError, FileNotFoundError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        if computed:
            typer.echo(f"note: computed now (not in compare.concepts): {', '.join(computed)}", err=True)
        typer.echo(to_json(json_summary(table, concepts), indent=2) if as_json else text_summary(table, concepts))
